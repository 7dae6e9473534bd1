/// Renames OCPP keys without a rebuild (SPEC §3): the manual's spellings are unconfirmed on real stations, so a
/// file maps a setting id or a manual key to the key a station really uses. An alias wins over the catalog.
///
/// ```yaml
/// aliases:
///   SCN-NetworkName: SCN_NetworkName      # by manual key
///   alb.safeCurrent: SafeMaxCurrent       # by setting id
/// ```
public struct KeyAliases: Sendable, Equatable {
    /// Lower-cased setting id or manual key → the station's key.
    private var aliases: [String: String]

    public init(_ aliases: [String: String] = [:]) {
        self.aliases = Dictionary(aliases.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    public static let none = KeyAliases()

    public init(document: ConfigNode, file: String?) throws {
        let root = FieldReader(document, file: file)
        let fields = try root.mapping(known: ["aliases"])
        var aliases: [String: String] = [:]
        if let list = fields["aliases"], !list.isNull {
            guard case let .mapping(entries) = list.node.value else { throw list.error("file.type", "expected a mapping of key: alias") }
            for entry in entries {
                let target = FieldReader(entry.value, path: list.path + entry.key, file: file)
                let alias = try target.string()
                let known = SettingID(rawValue: entry.key) != nil
                    || SettingsCatalog.all.contains { $0.ocppKey?.lowercased() == entry.key.lowercased() }
                guard known else {
                    let names = SettingID.allCases.map(\.rawValue) + SettingsCatalog.all.compactMap(\.ocppKey)
                    throw target.error("aliases.unknown-setting",
                                       "\"\(entry.key)\" is neither a setting nor a manual key"
                                       + (DidYouMean.suggestion(for: entry.key, among: names).map { "; did you mean \"\($0)\"?" } ?? ""),
                                       hint: "`chargectl plan --json` lists setting ids and keys")
                }
                aliases[entry.key] = alias
            }
        }
        self.init(aliases)
    }

    /// The OCPP key to use for a setting: its alias by id, then by manual key, then the manual key; nil when OCPP
    /// cannot carry it.
    public func ocppKey(for setting: Setting) -> String? {
        if let alias = aliases[setting.id.rawValue.lowercased()] { return alias }
        guard let manual = setting.ocppKey else { return nil }
        return aliases[manual.lowercased()] ?? manual
    }
}
