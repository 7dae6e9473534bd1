/// One ChangeConfiguration as the OCPP link will send it: a station plan compiled to keys and wire strings.
public struct PlannedWrite: Sendable, Equatable, Codable {
    /// nil for a raw key (`config set`, `config restore`) that is not one of the catalog's settings.
    public var setting: SettingID?
    public var key: String
    public var value: String

    public init(setting: SettingID?, key: String, value: String) {
        self.setting = setting
        self.key = key
        self.value = value
    }

    /// A raw key: the catalog's setting when its OCPP key matches (case-insensitively), else none.
    public init(rawKey key: String, value: String) {
        let setting = SettingsCatalog.all.first { $0.ocppKey?.lowercased() == key.lowercased() }?.id
        self.init(setting: setting, key: key, value: value)
    }

    /// OCPP keys whose values are secret even when they are not catalog settings (SPEC §6).
    static let secretKeys: Set<String> = ["authorizationkey", "featurelicensekey"]

    public var isSecret: Bool {
        setting.map { SettingsCatalog.setting($0).isSecret } ?? false || Self.secretKeys.contains(key.lowercased())
    }

    /// Whether `wire` (as the station reports it) already is this write's value: compared as the setting's type
    /// (`32` = `32.0`), raw keys as text.
    public func isSatisfied(by wire: String?) -> Bool {
        guard let wire, !isSecret else { return false }
        guard let setting else { return wire == value }
        let kind = SettingsCatalog.setting(setting).kind
        let current = kind.ocppValue(wire).flatMap(kind.ocppString)
        return current != nil && current == kind.ocppValue(value).flatMap(kind.ocppString)
    }
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
