/// TriggerMessage (OCPP 1.6 §5.17, §6.51–6.52): ask the charge point to send one of its messages now.
///
/// The charge point sends the confirmation before the triggered message. connectorId is optional: absent means the
/// whole charge point and every connector; 0 is accepted for the charge point itself as §5.17 describes, although
/// the PDU table says > 0.
public enum TriggerMessage: OCPPAction {
    public static let name = "TriggerMessage"

    public struct Request: OCPPPayload {
        public var requestedMessage: MessageTrigger
        public var connectorId: Int?

        public init(requestedMessage: MessageTrigger, connectorId: Int? = nil) {
            self.requestedMessage = requestedMessage
            self.connectorId = connectorId
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.minimum(connectorId, 0, "connectorId")
        }
    }

    public struct Confirmation: OCPPPayload {
        public var status: Status

        public init(status: Status) {
            self.status = status
        }
    }

    /// MessageTrigger (OCPP 1.6 §7.32).
    public enum MessageTrigger: String, Codable, Sendable, Hashable, CaseIterable {
        case bootNotification = "BootNotification"
        case diagnosticsStatusNotification = "DiagnosticsStatusNotification"
        case firmwareStatusNotification = "FirmwareStatusNotification"
        case heartbeat = "Heartbeat"
        case meterValues = "MeterValues"
        case statusNotification = "StatusNotification"
    }

    /// TriggerMessageStatus (OCPP 1.6 §7.44).
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case notImplemented = "NotImplemented"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .triggerMessage(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .triggerMessage(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .triggerMessage(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .triggerMessage(let value) = confirmation { return value }
        return nil
    }
}
