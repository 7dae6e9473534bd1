/// Corrects the catalog without a rebuild (SPEC §3): the manual's spellings are unconfirmed on real stations, so a
/// file maps a setting id or a manual key to the OCPP key, the HTTPS property id and the value spellings a station
/// really uses, optionally only on firmware whose version starts with a prefix. An alias wins over the catalog.
///
/// ```yaml
/// aliases:
///   SCN-NetworkName: SCN_NetworkName      # by manual key: the OCPP key only
///   alb.safeCurrent:                      # by setting id: any of ocpp, https, values
///     ocpp: SafeMaxCurrent
///     https: 2068_1
///   alb.enabled:                          # a list: the first rule whose firmware prefix matches wins
///     - firmware: "7."
///       values: { On: "true", Off: "false" }
///     - values: { On: "1" }
/// ```
///
/// `values` maps the catalog's wire spelling on the link being written (`On` over OCPP, `1` over HTTPS) to the
/// station's. A rule with `firmware` applies only when the station's firmware is known and starts with it.
public struct KeyAliases: Sendable, Equatable {
    /// One rule for one setting.
    public struct Rule: Sendable, Equatable {
        public var firmware: String?
        public var ocpp: String?
        public var https: String?
        public var values: [String: String]

        public init(firmware: String? = nil, ocpp: String? = nil, https: String? = nil, values: [String: String] = [:]) {
            self.firmware = firmware
            self.ocpp = ocpp
            self.https = https
            self.values = values
        }

        func applies(to firmware: String?) -> Bool {
            guard let prefix = self.firmware else { return true }
            return firmware?.hasPrefix(prefix) ?? false
        }
    }

    /// Lower-cased setting id or manual key → its rules, in file order.
    private var rules: [String: [Rule]]

    /// OCPP key renames only, as the short form of the file gives them.
    public init(_ aliases: [String: String] = [:]) {
        self.init(rules: aliases.mapValues { [Rule(ocpp: $0)] })
    }

    public init(rules: [String: [Rule]]) {
        self.rules = Dictionary(rules.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    public static let none = KeyAliases()

    public init(document: ConfigNode, file: String?) throws {
        let root = FieldReader(document, file: file)
        let fields = try root.mapping(known: ["aliases"])
        var rules: [String: [Rule]] = [:]
        if let list = fields["aliases"], !list.isNull {
            guard case let .mapping(entries) = list.node.value else { throw list.error("file.type", "expected a mapping of key: alias") }
            for entry in entries {
                let target = FieldReader(entry.value, path: list.path + entry.key, file: file)
                try Self.checkKnown(entry.key, target)
                rules[entry.key] = try Self.rules(target)
            }
        }
        self.init(rules: rules)
    }

    static func checkKnown(_ name: String, _ target: FieldReader) throws {
        let known = SettingID(rawValue: name) != nil || SettingsCatalog.all.contains { $0.ocppKey?.lowercased() == name.lowercased() }
        guard !known else { return }
        let names = SettingID.allCases.map(\.rawValue) + SettingsCatalog.all.compactMap(\.ocppKey)
        throw target.error("aliases.unknown-setting",
                           "\"\(name)\" is neither a setting nor a manual key"
                           + (DidYouMean.suggestion(for: name, among: names).map { "; did you mean \"\($0)\"?" } ?? ""),
                           hint: "`chargectl plan --json` lists setting ids and keys")
    }

    /// A string (the OCPP key), a mapping (one rule) or a list of mappings (rules by firmware).
    static func rules(_ target: FieldReader) throws -> [Rule] {
        switch target.node.value {
        case .scalar: return [Rule(ocpp: try target.string())]
        case .sequence: return try target.sequence().map(rule)
        default: return [try rule(target)]
        }
    }

    static func rule(_ reader: FieldReader) throws -> Rule {
        let fields = try reader.mapping(known: ["firmware", "ocpp", "https", "values"])
        var values: [String: String] = [:]
        if let map = fields["values"], !map.isNull {
            guard case let .mapping(entries) = map.node.value else {
                throw map.error("file.type", "expected a mapping of the catalog's spelling to the station's, like { On: \"true\" }")
            }
            for entry in entries { values[entry.key] = try FieldReader(entry.value, path: map.path + entry.key, file: map.file).string() }
        }
        let rule = Rule(firmware: try fields["firmware"]?.string(), ocpp: try fields["ocpp"]?.string(),
                        https: try fields["https"]?.string(), values: values)
        guard rule.ocpp != nil || rule.https != nil || !rule.values.isEmpty else {
            throw reader.error("aliases.empty", "an alias names at least one of ocpp, https or values",
                               hint: "for example { ocpp: SafeMaxCurrent } or { values: { On: \"true\" } }")
        }
        return rule
    }

    /// The rules for a setting that apply on `firmware`: by setting id first, then by manual key.
    func applicable(_ setting: Setting, firmware: String?) -> [Rule] {
        let byID = rules[setting.id.rawValue.lowercased()] ?? []
        let byKey = setting.ocppKey.flatMap { rules[$0.lowercased()] } ?? []
        return (byID + byKey).filter { $0.applies(to: firmware) }
    }

    /// The OCPP key to use for a setting: its alias (by id, then by manual key), else the manual key; nil when OCPP
    /// cannot carry it.
    public func ocppKey(for setting: Setting, firmware: String? = nil) -> String? {
        guard setting.ocppKey != nil || applicable(setting, firmware: firmware).contains(where: { $0.ocpp != nil }) else { return nil }
        return applicable(setting, firmware: firmware).lazy.compactMap(\.ocpp).first ?? setting.ocppKey
    }

    /// The HTTPS property id an alias gives a setting in place of the catalog's; nil keeps the catalog's mapping.
    public func httpsID(for setting: Setting, firmware: String? = nil) -> String? {
        applicable(setting, firmware: firmware).lazy.compactMap(\.https).first
    }

    /// The station's spelling of a value the catalog spells `wire` on the link being written.
    public func spelling(of wire: String, for setting: Setting, firmware: String? = nil) -> String {
        for rule in applicable(setting, firmware: firmware) {
            if let spelled = rule.values[wire] ?? rule.values.first(where: { $0.key.lowercased() == wire.lowercased() })?.value { return spelled }
        }
        return wire
    }

    /// Whether an alias names this setting's key or property on `link` (its mapping is then the user's, not the
    /// catalog's evidence).
    public func overrides(_ setting: Setting, on link: LinkKind, firmware: String? = nil) -> Bool {
        applicable(setting, firmware: firmware).contains { link == .ocpp ? $0.ocpp != nil : $0.https != nil }
    }
}
