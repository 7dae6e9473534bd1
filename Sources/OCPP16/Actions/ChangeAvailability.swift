/// ChangeAvailability (OCPP 1.6 §5.2, §6.7–6.8): make a connector, or with connectorId 0 the whole charge point,
/// operative or inoperative.
///
/// `Scheduled` means a transaction is running and the change follows when it ends; the new state persists across
/// reboots and is reported by StatusNotification.
public enum ChangeAvailability: OCPPAction {
    public static let name = "ChangeAvailability"

    public struct Request: OCPPPayload {
        /// 0 = the charge point and all its connectors (OCPP 1.6 §6.7: integer ≥ 0).
        public var connectorId: Int
        public var type: AvailabilityType

        public init(connectorId: Int, type: AvailabilityType) {
            self.connectorId = connectorId
            self.type = type
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

    /// AvailabilityType (OCPP 1.6 §7.4).
    public enum AvailabilityType: String, Codable, Sendable, Hashable, CaseIterable {
        case inoperative = "Inoperative"
        case operative = "Operative"
    }

    /// AvailabilityStatus (OCPP 1.6 §7.3).
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case scheduled = "Scheduled"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .changeAvailability(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .changeAvailability(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .changeAvailability(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .changeAvailability(let value) = confirmation { return value }
        return nil
    }
}
