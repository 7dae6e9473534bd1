/// Configuration keys whose values are secrets and must never appear in output or logs (SPEC §6).
///
/// `AuthorizationKey` is the HTTP Basic password of security profiles 1 and 2 (write-only, Improved security for
/// OCPP 1.6-J §7.2); `FeatureLicenseKey` is the Alfen licence that unlocks paid features (SPEC §1). Keys are
/// CiString50, so matching ignores case (OCPP 1.6 §7.15).
public enum SecretKeys {
    /// What a secret value is shown as.
    public static let mask = "***"

    static let lowercasedNames: Set<String> = ["authorizationkey", "featurelicensekey", "21a1_0"]

    public static func isSecret(_ key: String) -> Bool {
        lowercasedNames.contains(key.lowercased())
    }

    /// `value`, or the mask when `key` names a secret.
    public static func masked(_ value: String, forKey key: String) -> String {
        isSecret(key) ? mask : value
    }
}
