import AllocationCore

/// Reads a catalog setting out of a configuration as one link lists it (SPEC §3): the OCPP key, or the HTTPS
/// property with its own spelling (numbers for choices and mappings, a bit of `2064_0`, `2530_1` = 3 for EMS).
public struct SettingReader: Sendable {
    public var link: LinkKind
    public var aliases: KeyAliases
    public var firmware: String?

    public init(link: LinkKind, aliases: KeyAliases = .none, firmware: String? = nil) {
        self.link = link
        self.aliases = aliases
        self.firmware = firmware
    }

    /// The key or property id the setting is read under; nil when the link cannot carry it.
    public func key(_ id: SettingID) -> String? {
        let setting = SettingsCatalog.setting(id)
        switch link {
        case .ocpp: return aliases.ocppKey(for: setting, firmware: firmware)
        case .https:
            if let alias = aliases.httpsID(for: setting, firmware: firmware) { return alias }
            switch setting.https {
            case .property(let id), .bit(let id, _), .sharedValue(let id, _, _): return id
            case .firmwareDependent:
                return setting.https.ids(firmware: firmware ?? "0")?.first
            // A register map spans `2570`–`2574`: not one value to compare.
            case .derived, .registerMap, .unsupported: return nil
            }
        }
    }

    /// The station's value, decoded; nil when it does not list the setting (or the link cannot carry it).
    public func value(_ id: SettingID, in configuration: StationConfiguration) -> SettingValue? {
        let setting = SettingsCatalog.setting(id)
        if link == .https, case .derived = setting.https, id == .scnEnabled {
            // SCN enabled is the name being set (SPEC §3).
            guard case .text(let name)? = value(.scnName, in: configuration) else { return nil }
            return .bool(!name.isEmpty)
        }
        guard let key = key(id), let wire = configuration.value(forKey: key) else { return nil }
        guard link == .https else { return setting.kind.ocppValue(wire) }
        let number = Int(wire) ?? Double(wire).flatMap { $0 == $0.rounded() ? Int($0) : nil }
        switch (setting.https, setting.kind) {
        case (.bit(_, let mask), _):
            return number.map { .bool($0 & mask != 0) }
        case (.sharedValue(_, let shared, _), _):
            return number.map { .bool($0 == shared) }
        default:
            return setting.kind.httpsValue(wire)
        }
    }

    /// Two values of one setting are the same when they spell the same on the wire (`32` = `32.0`).
    public static func same(_ a: SettingValue, _ b: SettingValue, of id: SettingID) -> Bool {
        let kind = SettingsCatalog.setting(id).kind
        if let left = kind.ocppString(a), let right = kind.ocppString(b) { return left == right }
        return a == b
    }
}
