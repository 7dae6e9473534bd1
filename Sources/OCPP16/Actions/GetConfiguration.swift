/// GetConfiguration (OCPP 1.6 §5.8, §6.23–6.24): read configuration keys.
///
/// No key (absent or empty list) asks for every key. A charge point may cap the keys per request at its
/// `GetConfigurationMaxKeys`; `GetConfigurationPaging` splits and merges accordingly.
public enum GetConfiguration: OCPPAction {
    public static let name = "GetConfiguration"

    public struct Request: OCPPPayload {
        /// CiString50 each; nil asks for all keys.
        public var key: [String]?

        public init(key: [String]? = nil) {
            self.key = key
        }

        public func validate() throws(SchemaViolation) {
            for (index, name) in (key ?? []).enumerated() {
                try SchemaCheck.length(name, max: ConfigurationLimits.keyLength, "key[\(index)]")
            }
        }
    }

    public struct Confirmation: OCPPPayload {
        /// The keys the charge point recognised.
        public var configurationKey: [KeyValue]?
        /// Requested keys it did not recognise, CiString50 each.
        public var unknownKey: [String]?

        public init(configurationKey: [KeyValue]? = nil, unknownKey: [String]? = nil) {
            self.configurationKey = configurationKey
            self.unknownKey = unknownKey
        }

        public func validate() throws(SchemaViolation) {
            for (index, entry) in (configurationKey ?? []).enumerated() {
                try SchemaCheck.length(entry.key, max: ConfigurationLimits.keyLength, "configurationKey[\(index)].key")
                try SchemaCheck.length(
                    entry.value, max: ConfigurationLimits.valueLength, "configurationKey[\(index)].value")
            }
            for (index, name) in (unknownKey ?? []).enumerated() {
                try SchemaCheck.length(name, max: ConfigurationLimits.keyLength, "unknownKey[\(index)]")
            }
        }
    }

    /// KeyValue (OCPP 1.6 §7.29). A missing `value` means the key is known but not set.
    public struct KeyValue: Codable, Sendable, Hashable {
        public var key: String
        /// False when ChangeConfiguration may write the key.
        public var readonly: Bool
        public var value: String?

        public init(key: String, readonly: Bool, value: String? = nil) {
            self.key = key
            self.readonly = readonly
            self.value = value
        }
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .getConfiguration(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .getConfiguration(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .getConfiguration(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .getConfiguration(let value) = confirmation { return value }
        return nil
    }
}

/// The configuration key and value sizes of OCPP 1.6 §7.22 / §7.29: keys are CiString50, values CiString500.
public enum ConfigurationLimits {
    public static let keyLength = 50
    public static let valueLength = 500
}
