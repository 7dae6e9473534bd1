/// A station's configuration as read over its link (OCPP GetConfiguration, HTTPS properties): key → value, keys
/// matched case-insensitively (SPEC §3), the station's own spelling of each name kept. Plans made against it are
/// diffs: only what changes, with from and to.
public struct StationConfiguration: Sendable, Equatable, Codable {
    private var values: [String: String]
    private var spellings: [String: String]

    public init(_ values: [String: String]) {
        self.values = Dictionary(values.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.spellings = Dictionary(values.keys.map { ($0.lowercased(), $0) }) { first, _ in first }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(values.map { (spellings[$0.key] ?? $0.key, $0.value) }) { first, _ in first })
    }

    public func value(forKey key: String) -> String? { values[key.lowercased()] }

    /// The same configuration with one key's value replaced, added or (nil) removed.
    public func replacing(_ key: String, with value: String?) -> StationConfiguration {
        var copy = self
        copy.values[key.lowercased()] = value
        copy.spellings[key.lowercased()] = value == nil ? nil : (spellings[key.lowercased()] ?? key)
        return copy
    }

    /// The station's own spelling of a key it lists (names compare case-insensitively, SPEC §3).
    public func spelling(ofKey key: String) -> String? { spellings[key.lowercased()] }

    /// The station's current value of a setting, decoded; nil when it does not expose the key.
    public func value(of setting: Setting, aliases: KeyAliases = .none) -> SettingValue? {
        guard let key = aliases.ocppKey(for: setting), let wire = value(forKey: key) else { return nil }
        return setting.kind.ocppValue(wire)
    }
}

extension StationPlan {
    /// Keeps only the changes that change something, each with the value it replaces.
    public func diff(against configuration: StationConfiguration, aliases: KeyAliases = .none) -> StationPlan {
        func resolve(_ change: SettingChange) -> SettingChange? {
            let setting = SettingsCatalog.setting(change.setting)
            guard let current = configuration.value(of: setting, aliases: aliases) else { return change }
            // Secrets cannot be compared (a station never reads them back): always written.
            if setting.isSecret { return change }
            let same = setting.kind.ocppString(current) == setting.kind.ocppString(change.to)
            return same ? nil : SettingChange(change.setting, change.to, from: current)
        }
        return StationPlan(station: station, unlock: unlock.flatMap(resolve), changes: changes.compactMap(resolve))
    }
}
