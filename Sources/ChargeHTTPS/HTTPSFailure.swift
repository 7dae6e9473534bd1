import ChargeIO

/// Why the HTTPS link failed (SPEC §3 "The HTTPS link in practice"): each has its own message, stable code, hint
/// and exit code — a wrong password is input to fix (exit 2), everything else a communication failure (exit 3).
public enum HTTPSFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case refused(address: String)
    case unreachable(address: String, detail: String)
    case timedOut(address: String, seconds: Int)
    case connectionClosed(address: String)
    case tls(address: String, detail: String)
    case certificateChanged(identity: String, known: String, presented: String)
    case wrongPassword(user: String)
    case anotherSession(detail: String)
    case lockedOut(seconds: Int?)
    /// A 401 again right after logging in again.
    case sessionLost(path: String)
    case status(Int, path: String)
    case invalidReply(String)

    public var code: String {
        switch self {
        case .refused: "https.refused"
        case .unreachable: "https.unreachable"
        case .timedOut: "https.timeout"
        case .connectionClosed: "https.connection-lost"
        case .tls: "https.tls"
        case .certificateChanged: "https.certificate-changed"
        case .wrongPassword: "https.wrong-password"
        case .anotherSession: "https.session-busy"
        case .lockedOut: "https.locked-out"
        case .sessionLost: "https.session-lost"
        case .status: "https.status"
        case .invalidReply: "https.invalid-reply"
        }
    }

    /// SPEC §1 / §3: only a wrong password is exit 2.
    public var isInputProblem: Bool { if case .wrongPassword = self { true } else { false } }

    public var description: String {
        switch self {
        case .refused(let address): "\(address) refused the connection (nothing listens on that port)"
        case .unreachable(let address, let detail): "cannot reach \(address): \(detail)"
        case .timedOut(let address, let seconds): "\(address) did not answer within \(seconds) s"
        case .connectionClosed(let address): "\(address) closed the connection in the middle of a request"
        case .tls(let address, let detail): "TLS with \(address) failed: \(detail)"
        case .certificateChanged(let identity, let known, let presented):
            "\(identity) presents a different certificate (SHA-256 \(presented)) than the one it had before (\(known))"
        case .wrongPassword(let user): "the station refused the password for user \"\(user)\""
        case .anotherSession(let detail): "another session is active on the station (the vendor app or installer is connected)" + (detail.isEmpty ? "" : ": \(detail)")
        case .lockedOut(let seconds): "the station locked the login after wrong passwords" + (seconds.map { "; \($0) s left" } ?? "")
        case .sessionLost(let path): "\(path) was answered HTTP 401 again right after logging in again: the station keeps ending the session"
        case .status(let status, let path): "\(path) was answered HTTP \(status)"
        case .invalidReply(let detail): "the station's reply is not what its API sends: \(detail)"
        }
    }

    public var hint: String {
        switch self {
        case .refused: "check the address and port (the API listens on 443); a station older than firmware 5 speaks plain HTTP, which is not supported yet"
        case .unreachable, .timedOut: "check that the laptop is on the station's network, then run the command again"
        case .connectionClosed: "run the command again (or `chargectl apply --resume RUN`); nothing the journal shows as written is sent twice"
        case .tls: "run again with -v; the station's TLS setup is not one this tool can speak"
        case .certificateChanged: "if the station was replaced or reset, run again with --accept-new-certificate; otherwise something else answers on its address"
        case .wrongPassword: "give the right password (--https-password-env/-file, httpsPassword in the site file) or the right user (--https-user); the tool does not retry"
        case .anotherSession: "log out of the vendor app, installer or home automation that is connected, then run the command again"
        case .lockedOut(let seconds): "wait \(seconds.map { "\($0) s" } ?? "a while") before the next attempt, with the right password"
        case .sessionLost: "another client may be taking the station over; close it, then `chargectl apply --resume RUN` finishes (nothing written is sent twice)"
        case .status, .invalidReply: "run again with -v and report the exchange"
        }
    }

    /// The run's view of it: every link error is a `StationError` naming the station.
    public func stationError(_ station: String) -> StationError {
        StationError(station: station, reason: .link(code: code, detail: description, hint: hint, inputProblem: isInputProblem))
    }
}
