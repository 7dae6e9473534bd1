/// How secrets look in output, and which configuration keys hold them (SPEC §6: a secret never appears in output
/// or logs). One definition for every target that prints a setting, a frame or a journal entry.
///
/// `AuthorizationKey` is the HTTP Basic password of security profiles 1 and 2 (write-only, Improved security for
/// OCPP 1.6-J §7.2); `FeatureLicenseKey` is the Alfen licence that unlocks paid features (SPEC §1). Keys are
/// CiString50, so matching ignores case (OCPP 1.6 §7.15).
public enum SecretMask {
    /// What a secret value is shown as.
    public static let text = "***"

    /// The secret keys, lowercased.
    public static let lowercasedKeys: Set<String> = ["authorizationkey", "featurelicensekey", "21a1_0"]

    /// True when `key` names a secret, in any case.
    public static func isSecretKey(_ key: String) -> Bool {
        lowercasedKeys.contains(key.lowercased())
    }

    /// `value`, or the mask when `key` names a secret.
    public static func masked(_ value: String, forKey key: String) -> String {
        isSecretKey(key) ? text : value
    }

    /// A URL with the password of its user part masked (`ws://cpo:***@backoffice.example/ocpp`): a back-office URL
    /// may carry credentials, and it is printed by `adopt`.
    public static func maskingPassword(inURL url: String) -> String {
        guard let start = url.firstRange(of: "://")?.upperBound else { return url }
        let authorityEnd = url[start...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let at = url[start..<authorityEnd].lastIndex(of: "@"),
              let colon = url[start..<at].firstIndex(of: ":") else { return url }
        return String(url[...colon]) + text + String(url[at...])
    }
}
