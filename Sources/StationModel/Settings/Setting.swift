/// One row of the settings catalog: what it is, its range and default, and how each link carries it.
public struct Setting: Sendable, Equatable {
    public var id: SettingID
    /// For people: "SCN socket safe current".
    public var label: String
    public var kind: SettingKind
    public var defaultValue: SettingValue?
    /// The manual's OCPP key; nil when OCPP cannot carry the setting.
    public var ocppKey: String?
    public var https: HTTPSMapping
    /// Where each link's mapping comes from (SPEC §3).
    public var evidence: LinkEvidence

    public init(_ id: SettingID, _ label: String, _ kind: SettingKind, default defaultValue: SettingValue? = nil,
                ocpp ocppKey: String?, https: HTTPSMapping) {
        self.id = id
        self.label = label
        self.kind = kind
        self.defaultValue = defaultValue
        self.ocppKey = ocppKey
        self.https = https
        self.evidence = Setting.catalogEvidence(id, ocppKey: ocppKey, https: https)
    }

    public var isSecret: Bool { kind == .secret }
}
