import OCPP16

/// A `StationError` as it crosses the control socket, so a command run through `serve` fails exactly as it would
/// with its own central system (same message, same exit status).
struct ControlError: Codable, Sendable {
    enum Kind: String, Codable, Sendable {
        case notConnected, timedOut, connectionClosed, callError, invalidReply, invalidRequest, stopped, badRequest
    }

    var kind: Kind
    var station: String
    var action: String?
    var milliseconds: Int64?
    var detail: String?
    var code: String?

    init(_ error: StationError) {
        station = error.station
        action = error.action
        switch error.reason {
        case .notConnected(let waited, let refusal):
            kind = .notConnected
            milliseconds = waited.controlMilliseconds
            detail = refusal
        case .timedOut(let after):
            kind = .timedOut
            milliseconds = after.controlMilliseconds
        case .connectionClosed: kind = .connectionClosed
        case .callError(let callError, let description):
            kind = .callError
            code = callError.wireValue
            detail = description
        case .invalidReply(let text):
            kind = .invalidReply
            detail = text
        case .invalidRequest(let text):
            kind = .invalidRequest
            detail = text
        case .stopped: kind = .stopped
        case .link(let linkCode, let text, _, _):
            // The HTTPS link never crosses the control socket; say it as what it is.
            kind = .invalidReply
            code = linkCode
            detail = text
        }
    }

    init(badRequest detail: String, station: String = "") {
        kind = .badRequest
        self.station = station
        self.detail = detail
    }

    var stationError: StationError {
        let duration = Duration.milliseconds(milliseconds ?? 0)
        let reason: StationError.Reason = switch kind {
        case .notConnected: .notConnected(waited: duration, lastRefusal: detail)
        case .timedOut: .timedOut(after: duration)
        case .connectionClosed: .connectionClosed
        case .callError: .callError(CallErrorCode(wireValue: code ?? ""), description: detail ?? "")
        case .invalidReply: .invalidReply(detail ?? "")
        case .invalidRequest, .badRequest: .invalidRequest(detail ?? "")
        case .stopped: .stopped
        }
        return StationError(station: station, action: action, reason: reason)
    }
}
