/// One ChangeConfiguration as the OCPP link will send it: a station plan compiled to keys and wire strings.
public struct PlannedWrite: Sendable, Equatable, Codable {
    public var setting: SettingID
    public var key: String
    public var value: String

    public init(setting: SettingID, key: String, value: String) {
        self.setting = setting
        self.key = key
        self.value = value
    }

    public var isSecret: Bool { SettingsCatalog.setting(setting).isSecret }
    /// What a log or journal may show (SPEC §6).
    public var shownValue: String { isSecret ? "***" : value }
}

/// Compiles plans for the OCPP link (SPEC §3: "each link compiles them into its wire operations").
public enum OCPPPlanCompiler {
    /// Settings OCPP cannot carry were already warned about by the planner; they are left out here.
    public static func writes(_ changes: [SettingChange], aliases: KeyAliases = .none) -> [PlannedWrite] {
        changes.compactMap { change in
            let setting = SettingsCatalog.setting(change.setting)
            guard let key = aliases.ocppKey(for: setting), let value = setting.kind.ocppString(change.to) else { return nil }
            return PlannedWrite(setting: change.setting, key: key, value: value)
        }
    }
}

/// How a station answered one ChangeConfiguration (OCPP 1.6 ConfigurationStatus).
public enum WriteStatus: String, Sendable, Equatable, Codable {
    case accepted = "Accepted"
    case rebootRequired = "RebootRequired"
    case rejected = "Rejected"
    case notSupported = "NotSupported"

    /// SPEC §6: RebootRequired is a success that needs the Reset the run sends anyway.
    public var isSuccess: Bool { self == .accepted || self == .rebootRequired }
}
