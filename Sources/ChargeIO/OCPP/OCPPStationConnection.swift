import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import OCPP16

/// One station's OCPP-J connection: the adapter between the socket (`OCPPConnectionHandler`) and the pure
/// `OCPPSession`. Text in, the session's actions out: frames go to `outbound` in order, finished CALLs resume their
/// callers, a BootNotification is remembered. Everything else (framing, validation, answering the station's own
/// CALLs, one outstanding CALL per direction) is the session's.
final class OCPPStationConnection: StationConnection {
    let identity: String
    let callTimeout: Duration
    private let outbound: OCPPOutbound
    let timers: any EventLoop
    private let logger: Logger
    let state: NIOLockedValueBox<State>

    struct State {
        var session: OCPPSession
        var callers: [String: @Sendable (Result<OCPPConfirmation, CallFailure>) -> Void] = [:]
        var timers: [String: Scheduled<Void>] = [:]
        var boot: StationBootInfo?
        var bootWaiters: [ObjectIdentifier: TimedWaiter<StationBootInfo>] = [:]
        var closed = false
        var lastHeard = ContinuousClock.now
        /// `GetConfigurationMaxKeys`, once read.
        var maxKeys: Int??
    }

    init(identity: String, session: OCPPSession, callTimeout: Duration, outbound: OCPPOutbound,
         timers: any EventLoop, logger: Logger) {
        self.identity = identity
        self.callTimeout = callTimeout
        self.outbound = outbound
        self.timers = timers
        self.logger = logger
        self.state = NIOLockedValueBox(State(session: session))
    }

    var bootInfo: StationBootInfo? { state.withLockedValue { $0.boot } }

    /// A text message from the station.
    func receive(_ text: String) {
        logger.trace("<\(FrameRedaction.redact(text))>", metadata: ["station": "\(identity)"])
        let resumes = state.withLockedValue { state in
            state.lastHeard = .now
            var actions = state.session.receive(text, currentTime: OCPPTimestamp(Date()))
            actions += Self.failingOutstanding(after: actions, &state.session)
            return perform(actions, &state)
        }
        resumes.forEach { $0() }
    }

    /// SPEC §6: garbage received while our CALL is outstanding is that CALL's answer, reported at once as malformed
    /// rather than after the call timeout. The session fails a broken reply that still carries our id; text with no
    /// usable id (not JSON, not an array) cannot be matched by it, but with one CALL outstanding per direction
    /// (OCPP-J 1.6 §4.1.1) it can only be the answer, unless it is recognisably the station's own CALL.
    static func failingOutstanding(after actions: [OCPPSession.Action], _ session: inout OCPPSession) -> [OCPPSession.Action] {
        guard let outstanding = session.outstanding?.messageID else { return [] }
        for action in actions {
            guard case .malformedFrame(let error) = action, error.messageType != .call else { continue }
            if let id = error.messageID, id != outstanding { continue }
            // The session's own way to give up on its outstanding CALL; the failure is then named for what it is.
            return session.timedOut(outstanding).map { action in
                guard case .completed(outstanding, .failure(.timedOut)) = action else { return action }
                return .completed(messageID: outstanding, result: .failure(.malformedReply(error)))
            }
        }
        return []
    }

    /// Any frame (a Pong, say) proves the peer alive (OCPP 1.6 §4.6).
    func heard() { state.withLockedValue { $0.lastHeard = .now } }

    var lastHeard: ContinuousClock.Instant { state.withLockedValue { $0.lastHeard } }

    /// Sends a CALL; `completion` gets its answer. The session queues it behind an outstanding one.
    func call(_ request: OCPPRequest, completion: @escaping @Sendable (Result<OCPPConfirmation, CallFailure>) -> Void) {
        let resumes = state.withLockedValue { state -> [@Sendable () -> Void] in
            guard !state.closed else { return [{ completion(.failure(.connectionClosed)) }] }
            let outcome = state.session.send(request)
            state.callers[outcome.messageID] = completion
            return perform(outcome.actions, &state)
        }
        resumes.forEach { $0() }
    }

    /// The call's timer fired.
    private func timedOut(_ messageID: String) {
        let resumes = state.withLockedValue { state in perform(state.session.timedOut(messageID), &state) }
        resumes.forEach { $0() }
    }

    /// The socket is gone: every waiting call and boot waiter fails, the output ends.
    func connectionClosed() {
        let resumes = state.withLockedValue { state -> [@Sendable () -> Void] in
            guard !state.closed else { return [] }
            state.closed = true
            let waiters = state.bootWaiters.values
            state.bootWaiters = [:]
            return perform(state.session.connectionClosed(), &state) + waiters.map { waiter in { waiter.resume(nil) } }
        }
        resumes.forEach { $0() }
        outbound.finish()
    }

    func send(_ message: OutboundMessage) { outbound.yield(message) }

    /// Ends the output after `last`, which closes the socket; nil closes it at once (a half-open peer is not
    /// worth a Close frame).
    func finishOutbound(with last: OutboundMessage?) {
        if let last { outbound.yield(last) }
        outbound.finish()
    }

    /// RFC 6455 §5.5.1: a Close with 1000 (normal closure); the socket then closes.
    func close() async {
        finishOutbound(with: .close(.normalClosure))
    }

    /// Performs the session's actions in order, under the lock so frames keep their order; returns the caller
    /// resumptions to run once the lock is released.
    private func perform(_ actions: [OCPPSession.Action], _ state: inout State) -> [@Sendable () -> Void] {
        var resumes: [@Sendable () -> Void] = []
        for action in actions {
            switch action {
            case .sendCall(let messageID, let frame):
                write(frame)
                state.timers[messageID] = timers.scheduleTask(in: TimeAmount(callTimeout)) { [weak self] in
                    self?.timedOut(messageID)
                }
            case .sendReply(let frame):
                write(frame)
            case .received(_, .bootNotification(let boot)):
                let info = StationBootInfo(boot)
                state.boot = info
                let waiters = state.bootWaiters.values
                state.bootWaiters = [:]
                resumes += waiters.map { waiter in { waiter.resume(info) } }
            case .received, .receivedUnmodelled:
                break
            case .completed(let messageID, let result):
                state.timers.removeValue(forKey: messageID)?.cancel()
                if let caller = state.callers.removeValue(forKey: messageID) {
                    resumes.append { caller(result) }
                }
            case .rejected(_, let action, let error):
                logger.notice("answered \(action) with CALLERROR: \(error.errorDescription)", metadata: ["station": "\(identity)"])
            case .unmatchedReply(let frame):
                // Late after a timeout, or the station's mistake: either way worth one line (issue 14).
                logger.notice("ignored a reply to no outstanding call (message id \(frame.messageID))",
                              metadata: ["station": "\(identity)"])
            case .malformedFrame(let error):
                logger.notice("malformed frame: \(error.description)", metadata: ["station": "\(identity)"])
            }
        }
        return resumes
    }

    private func write(_ frame: OutgoingFrame) {
        logger.trace("[\(frame.description)]", metadata: ["station": "\(identity)"])
        outbound.yield(.text(frame.text))
    }
}

/// What the socket writes.
enum OutboundMessage: Sendable {
    case text(String)
    case ping
    case pong(ByteBuffer)
    case close(WebSocketErrorCode)
}

extension StationBootInfo {
    init(_ request: BootNotification.Request) {
        self.init(vendor: request.chargePointVendor, model: request.chargePointModel,
                  serialNumber: request.chargePointSerialNumber ?? request.chargeBoxSerialNumber,
                  firmwareVersion: request.firmwareVersion)
    }
}
