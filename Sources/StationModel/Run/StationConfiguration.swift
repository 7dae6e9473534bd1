/// A station's configuration as read over its link (OCPP GetConfiguration, HTTPS properties): key → value, keys
/// matched case-insensitively (SPEC §3), the station's own spelling of each name kept. Plans made against it are
/// diffs: only what changes, with from and to.
public struct StationConfiguration: Sendable, Equatable, Codable {
    private var values: [String: String]
    private var spellings: [String: String]
    /// Lower-cased keys the station lists as read-only (a contested HTTPS id is written where it is writable).
    private var readOnly: Set<String>

    public init(_ values: [String: String], readOnly: Set<String> = []) {
        self.values = Dictionary(values.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.spellings = Dictionary(values.keys.map { ($0.lowercased(), $0) }) { first, _ in first }
        self.readOnly = Set(readOnly.map { $0.lowercased() })
    }

    enum CodingKeys: String, CodingKey { case values, readOnly }

    /// Journals hold the plain key → value map; one with read-only keys holds `{values, readOnly}`.
    public init(from decoder: any Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode([String: String].self) {
            self.init(plain)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode([String: String].self, forKey: .values),
                  readOnly: try container.decode(Set<String>.self, forKey: .readOnly))
    }

    public func encode(to encoder: any Encoder) throws {
        let plain = Dictionary(values.map { (spellings[$0.key] ?? $0.key, $0.value) }) { first, _ in first }
        guard !readOnly.isEmpty else {
            var container = encoder.singleValueContainer()
            try container.encode(plain)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plain, forKey: .values)
        try container.encode(readOnly.sorted(), forKey: .readOnly)
    }

    /// Whether the station lists the key as read-only.
    public func isReadOnly(_ key: String) -> Bool { readOnly.contains(key.lowercased()) }

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
