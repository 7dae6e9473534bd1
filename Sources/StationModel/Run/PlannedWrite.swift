import SharedText

/// One wire write as a link sends it: an OCPP key or an HTTPS property id, and the value in that link's spelling.
public struct PlannedWrite: Sendable, Equatable, Codable {
    /// nil for a raw key (`config set`, `config restore`) that is not one of the catalog's settings.
    public var setting: SettingID?
    public var key: String
    public var value: String
    /// HTTPS bit fields (`2064_0`): only these bits change; the link reads the property and writes it back.
    public var bitMask: Int?

    public init(setting: SettingID?, key: String, value: String, bitMask: Int? = nil) {
        self.setting = setting
        self.key = key
        self.value = value
        self.bitMask = bitMask
    }

    /// A raw key: the catalog's setting when its OCPP key (over HTTPS: its property id) matches
    /// case-insensitively, else none.
    public init(rawKey key: String, value: String, link: LinkKind = .ocpp) {
        let setting = link == .ocpp ? SettingsCatalog.all.first { $0.ocppKey?.lowercased() == key.lowercased() }?.id
                                    : SettingsCatalog.setting(httpsProperty: key)?.id
        self.init(setting: setting, key: key, value: value)
    }

    /// Keys whose values are secret even when they are not catalog settings (SPEC §6).
    public var isSecret: Bool {
        setting.map { SettingsCatalog.setting($0).isSecret } ?? false || SecretMask.isSecretKey(key)
    }

    /// A stored plan holds its secrets as the mask: such a write cannot be sent until the secret is given again.
    public var isMaskedSecret: Bool { isSecret && value == SecretMask.text }

    /// Whether `wire` (as the station reports it) already is this write's value: compared as the setting's type
    /// (`32` = `32.0`), raw keys as text. Secrets never read back, so they are never satisfied.
    public func isSatisfied(by wire: String?) -> Bool {
        guard let wire, !isSecret else { return false }
        if let bitMask {
            // A bit field (`2064_0`): only this write's bits count.
            guard let current = Int(wire) ?? Double(wire).map({ Int($0) }) else { return false }
            return ((current & bitMask) != 0) == ((Int(value) ?? 0) != 0)
        }
        guard let setting else { return wire == value }
        // Either link's spelling (`Modbus TCP/IP` or `4`), compared as the setting's value.
        let kind = SettingsCatalog.setting(setting).kind
        let decode = { (text: String) in kind.ocppValue(text) ?? kind.httpsValue(text) }
        guard let current = decode(wire), let target = decode(value) else { return wire == value }
        return current == target
    }

    /// What a log, a report or the journal may show (SPEC §6).
    public var shownValue: String { isSecret ? SecretMask.text : value }

    /// The same write with its secret masked, as it may be stored.
    public var masked: PlannedWrite {
        var copy = self
        copy.value = shownValue
        return copy
    }
}

/// How a station answered one write (OCPP 1.6 ConfigurationStatus; the HTTPS link maps its answers to these).
public enum WriteStatus: String, Sendable, Equatable, Codable {
    case accepted = "Accepted"
    case rebootRequired = "RebootRequired"
    case rejected = "Rejected"
    case notSupported = "NotSupported"

    /// SPEC §6: RebootRequired is a success that needs the Reset the run sends anyway.
    public var isSuccess: Bool { self == .accepted || self == .rebootRequired }
}
