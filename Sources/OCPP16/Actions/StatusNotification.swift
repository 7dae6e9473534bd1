/// StatusNotification (OCPP 1.6 §4.9, §6.47–6.48): a connector's status or error changed.
///
/// connectorId 0 reports the charge point's main controller (OCPP 1.6 §3.8). The central system answers `{}`.
public enum StatusNotification: OCPPAction {
    public static let name = "StatusNotification"

    public struct Request: OCPPPayload {
        public var connectorId: Int
        public var errorCode: ChargePointErrorCode
        /// Free-form extra information, CiString50.
        public var info: String?
        public var status: ChargePointStatus
        public var timestamp: OCPPTimestamp?
        /// CiString255.
        public var vendorId: String?
        /// CiString50.
        public var vendorErrorCode: String?

        public init(
            connectorId: Int, errorCode: ChargePointErrorCode, status: ChargePointStatus, info: String? = nil,
            timestamp: OCPPTimestamp? = nil, vendorId: String? = nil, vendorErrorCode: String? = nil
        ) {
            self.connectorId = connectorId
            self.errorCode = errorCode
            self.info = info
            self.status = status
            self.timestamp = timestamp
            self.vendorId = vendorId
            self.vendorErrorCode = vendorErrorCode
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.minimum(connectorId, 0, "connectorId")
            try SchemaCheck.length(info, max: 50, "info")
            try SchemaCheck.length(vendorId, max: 255, "vendorId")
            try SchemaCheck.length(vendorErrorCode, max: 50, "vendorErrorCode")
        }
    }

    public typealias Confirmation = EmptyPayload

    /// ChargePointErrorCode (OCPP 1.6 §7.6).
    public enum ChargePointErrorCode: String, Codable, Sendable, Hashable, CaseIterable {
        case connectorLockFailure = "ConnectorLockFailure"
        case evCommunicationError = "EVCommunicationError"
        case groundFailure = "GroundFailure"
        case highTemperature = "HighTemperature"
        case internalError = "InternalError"
        case localListConflict = "LocalListConflict"
        case noError = "NoError"
        case otherError = "OtherError"
        case overCurrentFailure = "OverCurrentFailure"
        case powerMeterFailure = "PowerMeterFailure"
        case powerSwitchFailure = "PowerSwitchFailure"
        case readerFailure = "ReaderFailure"
        case resetFailure = "ResetFailure"
        case underVoltage = "UnderVoltage"
        case overVoltage = "OverVoltage"
        case weakSignal = "WeakSignal"
    }

    /// ChargePointStatus (OCPP 1.6 §7.7).
    public enum ChargePointStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case available = "Available"
        case preparing = "Preparing"
        case charging = "Charging"
        case suspendedEVSE = "SuspendedEVSE"
        case suspendedEV = "SuspendedEV"
        case finishing = "Finishing"
        case reserved = "Reserved"
        case unavailable = "Unavailable"
        case faulted = "Faulted"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .statusNotification(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .statusNotification(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .statusNotification }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .statusNotification = confirmation { return EmptyPayload() }
        return nil
    }
}
