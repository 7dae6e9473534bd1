/// A station's configuration as read over OCPP (GetConfiguration): key → value, keys matched case-insensitively
/// (SPEC §3). Plans made against it are diffs: only what changes, with from and to.
public struct StationConfiguration: Sendable, Equatable {
    private var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = Dictionary(values.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    public func value(forKey key: String) -> String? { values[key.lowercased()] }

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
