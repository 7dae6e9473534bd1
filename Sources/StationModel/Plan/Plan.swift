import AllocationCore

/// Which protocol a command reaches stations over (SPEC §3).
public enum LinkKind: String, Sendable, CaseIterable, Codable {
    case ocpp, https
}

/// One setting to write: its new value and, when the station's configuration is known, the value it replaces.
public struct SettingChange: Sendable, Equatable {
    public var setting: SettingID
    public var to: SettingValue
    /// nil when the station's value is unknown (planned offline).
    public var from: SettingValue?

    public init(_ setting: SettingID, _ to: SettingValue, from: SettingValue? = nil) {
        self.setting = setting
        self.to = to
        self.from = from
    }
}

/// What one station gets, in order (SPEC §3 "What each command changes"): the licence key with its own reboot,
/// then the settings, then one Reset when anything changed.
public struct StationPlan: Sendable, Equatable {
    public var station: String
    public var unlock: SettingChange?
    public var changes: [SettingChange]

    public init(station: String, unlock: SettingChange? = nil, changes: [SettingChange] = []) {
        self.station = station
        self.unlock = unlock
        self.changes = changes
    }

    /// Every change in the order it is sent, the licence key first.
    public var orderedChanges: [SettingChange] { (unlock.map { [$0] } ?? []) + changes }
    /// Whether the settings need the Reset that ends the station's run (the unlock has its own).
    public var reboot: Bool { !changes.isEmpty }
    public var isEmpty: Bool { unlock == nil && changes.isEmpty }
}

/// A whole run's changes: data, so `--dry-run`, `plan` and the wizard show exactly what `apply` would do.
public struct Plan: Sendable, Equatable {
    public var stations: [StationPlan]
    public var warnings: [Finding]

    public init(stations: [StationPlan], warnings: [Finding] = []) {
        self.stations = stations
        self.warnings = warnings
    }
}
