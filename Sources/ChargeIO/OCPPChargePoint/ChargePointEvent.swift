import OCPP16

/// What a charge point's connection did, in order, for the station logic and the log.
public enum ChargePointEvent: Sendable {
    /// The WebSocket is open; the station now sends its BootNotification.
    case connected
    /// A dial failed (refused upgrade, connection refused, timeout); the next comes after `retryIn`.
    case connectFailed(reason: String, retryIn: Duration)
    /// The WebSocket closed.
    case disconnected
    /// The central system's CALL, already answered by the responder.
    case received(OCPPRequest)
    /// `maximumAttempts` consecutive dials failed; the charge point stopped.
    case gaveUp
}
