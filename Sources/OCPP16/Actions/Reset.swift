/// Reset (OCPP 1.6 §5.14, §6.39–6.40): reboot the charge point.
///
/// `Accepted` only means it will attempt to reset; it then reconnects and sends a BootNotification. This is how the
/// tool re-runs a boot after acceptance, since TriggerMessage(BootNotification) is not allowed then (OCPP 1.6 errata
/// 3.40).
public enum Reset: OCPPAction {
    public static let name = "Reset"

    public struct Request: OCPPPayload {
        public var type: ResetType

        public init(type: ResetType) {
            self.type = type
        }
    }

    public struct Confirmation: OCPPPayload {
        public var status: Status

        public init(status: Status) {
            self.status = status
        }
    }

    /// ResetType (OCPP 1.6 §7.42): Soft restarts the application, Hard the hardware.
    public enum ResetType: String, Codable, Sendable, Hashable, CaseIterable {
        case hard = "Hard"
        case soft = "Soft"
    }

    /// ResetStatus (OCPP 1.6 §7.41).
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .reset(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .reset(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .reset(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .reset(let value) = confirmation { return value }
        return nil
    }
}
