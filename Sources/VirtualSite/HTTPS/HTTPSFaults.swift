import ChargeIO
import Synchronization

/// A test hook on one simulated station's HTTPS API: it misbehaves on purpose as real stations do (issue 15
/// "Faults"), and counts what it saw, so a test can tell that nothing was written twice and that every session
/// ended with a logout. Every fault is armed for a number of occurrences and disarms itself.
public final class HTTPSFaults: Sendable {
    struct State {
        var dropAfterWrite = 0
        var lapses = 0
        var rebootAfterWrite = 0
        var newSecurity: (any ChannelSecurity)?
        var writes: [String: Int] = [:]
        var logins = 0
        var logouts = 0
    }

    let state = Mutex(State())

    init() {}

    /// The next `times` write batches are kept, then the connection closes without an answer (a station that
    /// falls over between doing and saying).
    public func dropConnectionAfterWrite(times: Int = 1) { state.withLock { $0.dropAfterWrite = times } }

    /// The next `times` write batches find the session lapsed: answered 401 (not kept), the session ended.
    public func lapseSessionAtWrite(times: Int = 1) { state.withLock { $0.lapses = times } }

    /// The next write batch is kept, then the station reboots on its own before answering (a watchdog, a power dip).
    public func rebootAfterWrite() { state.withLock { $0.rebootAfterWrite = 1 } }

    /// From its next reboot on the station presents this certificate (replaced, or reset to factory settings).
    public func presentAfterReboot(_ security: any ChannelSecurity) { state.withLock { $0.newSecurity = security } }

    /// Properties written and kept, with how many times each was written.
    public var writes: [String: Int] { state.withLock { $0.writes } }
    /// Successful logins, and logout requests received.
    public var logins: Int { state.withLock { $0.logins } }
    public var logouts: Int { state.withLock { $0.logouts } }

    /// What the server does with one request, asked before the session answers it.
    enum Before { case answer, lapse }
    /// ... and after: answer it, close the connection unanswered, or reboot unanswered.
    enum After { case answer, drop, reboot }

    func before(_ request: StationAPIRequest, inSession: Bool) -> Before {
        if request.method == "POST", request.path == "/api/logout" { state.withLock { $0.logouts += 1 } }
        guard inSession, request.method == "POST", request.path == "/api/prop" else { return .answer }
        return state.withLock { state in
            guard state.lapses > 0 else { return .answer }
            state.lapses -= 1
            return .lapse
        }
    }

    func after(_ request: StationAPIRequest, status: Int) -> After {
        guard (200..<300).contains(status) else { return .answer }
        if request.method == "POST", request.path == "/api/login" { state.withLock { $0.logins += 1 } }
        guard request.method == "POST", request.path == "/api/prop" else { return .answer }
        let ids = (StationAPISession.object(request.body) ?? [:]).map { key, item in item.objectValue?["id"]?.stringValue ?? key }
        return state.withLock { state in
            for id in ids { state.writes[id, default: 0] += 1 }
            if state.dropAfterWrite > 0 {
                state.dropAfterWrite -= 1
                return .drop
            }
            if state.rebootAfterWrite > 0 {
                state.rebootAfterWrite -= 1
                return .reboot
            }
            return .answer
        }
    }

    /// The certificate to present from this reboot on, once.
    func takeNewSecurity() -> (any ChannelSecurity)? { state.withLock { state in defer { state.newSecurity = nil }; return state.newSecurity } }
}
