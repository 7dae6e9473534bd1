import OCPP16

/// Why a station call failed. Always names the station and, where there is one, the action, so the CLI can say
/// "ACE0001: GetConfiguration timed out after 30 s" and exit 3 (SPEC §1: communication failure).
public struct StationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The station did not connect (or reconnect) within the wait.
        case notConnected(waited: Duration, lastRefusal: String?)
        /// No answer within the call timeout (OCPP-J 1.6 §4.1.1 leaves the timeout to the implementation).
        case timedOut(after: Duration)
        /// The connection closed before the answer came.
        case connectionClosed
        /// The station answered with a CALLERROR (OCPP-J 1.6 §4.2.3).
        case callError(CallErrorCode, description: String)
        /// The answer did not match the action's schema, or was not a valid frame.
        case invalidReply(String)
        /// Our own request broke its schema (a key over 50 characters, say); nothing was sent.
        case invalidRequest(String)
        /// The central system was shut down.
        case stopped
        /// The HTTPS link's own failures (SPEC §3: refused port, another session, wrong password, lockout, a
        /// changed certificate), each with a stable code and hint; `inputProblem` ones are exit 2, the rest exit 3.
        case link(code: String, detail: String, hint: String, inputProblem: Bool)
    }

    public var station: String
    /// The OCPP action, or nil for connection-level failures.
    public var action: String?
    public var reason: Reason

    public init(station: String, action: String? = nil, reason: Reason) {
        self.station = station
        self.action = action
        self.reason = reason
    }

    public var description: String {
        let prefix = action.map { "\(station): \($0) " } ?? "\(station): "
        switch reason {
        case .notConnected(let waited, let refusal):
            return "\(station) did not connect within \(Self.seconds(waited))"
                + (refusal.map { "; its last attempt was refused: \($0)" } ?? "")
        case .timedOut(let after): return prefix + "got no answer within \(Self.seconds(after))"
        case .connectionClosed: return prefix + "failed: the connection closed"
        case .callError(let code, let text):
            return prefix + "was answered with CALLERROR \(code.wireValue)" + (text.isEmpty ? "" : " (\(text))")
        case .invalidReply(let detail): return prefix + "got a malformed answer: \(detail)"
        case .invalidRequest(let detail): return prefix + "was not sent, the request is invalid: \(detail)"
        case .stopped: return prefix + "failed: the central system stopped"
        case .link(_, let detail, _, _): return prefix + detail
        }
    }

    /// `120 s`, `0.5 s`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        return "\(Double(seconds) + Double(attoseconds) / 1e18) s"
    }
}
