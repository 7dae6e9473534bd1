/// Heartbeat (OCPP 1.6 §4.6, §6.25–6.26): proof of life and a clock source for the charge point.
///
/// With OCPP-J, WebSocket pings can replace most heartbeats, but not the time synchronisation (OCPP-J 1.6 §5.3).
public enum Heartbeat: OCPPAction {
    public static let name = "Heartbeat"

    public typealias Request = EmptyPayload

    public struct Confirmation: OCPPPayload {
        public var currentTime: OCPPTimestamp

        public init(currentTime: OCPPTimestamp) {
            self.currentTime = currentTime
        }
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .heartbeat }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .heartbeat = request { return EmptyPayload() }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .heartbeat(confirmation) }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .heartbeat(let value) = confirmation { return value }
        return nil
    }
}
