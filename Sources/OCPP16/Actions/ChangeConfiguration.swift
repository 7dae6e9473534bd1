/// ChangeConfiguration (OCPP 1.6 §5.3, §6.9–6.10): write one configuration key.
///
/// Values are always strings on the wire. `RebootRequired` means stored but effective only after a reboot the
/// charge point will not do by itself (OCPP 1.6 §5.3); SPEC §6 counts it a success that needs the run's Reset.
/// Writing `AuthorizationKey` or `FeatureLicenseKey` carries a secret: see `ChangeConfiguration+Masking.swift`.
public enum ChangeConfiguration: OCPPAction {
    public static let name = "ChangeConfiguration"

    public struct Request: OCPPPayload {
        /// CiString50.
        public var key: String
        /// CiString500.
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.length(key, max: ConfigurationLimits.keyLength, "key")
            try SchemaCheck.length(value, max: ConfigurationLimits.valueLength, "value")
        }
    }

    public struct Confirmation: OCPPPayload {
        public var status: Status

        public init(status: Status) {
            self.status = status
        }
    }

    /// ConfigurationStatus (OCPP 1.6 §7.22).
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case rebootRequired = "RebootRequired"
        case notSupported = "NotSupported"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .changeConfiguration(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .changeConfiguration(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .changeConfiguration(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .changeConfiguration(let value) = confirmation { return value }
        return nil
    }
}
