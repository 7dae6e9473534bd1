import Foundation
import Logging
import NIOCore
import OCPP16
import Synchronization

/// One WebSocket connection of a charge point: the adapter between the socket loop and the pure `OCPPSession`.
/// Text in, the session's actions out: frames go to `outbound` in order, finished CALLs resume their callers, the
/// central system's CALLs (already answered by the responder) are handed to `onCall`.
final class ChargePointLink: Sendable {
    private struct State {
        var session: OCPPSession
        var callers: [String: CheckedContinuation<Result<OCPPConfirmation, CallFailure>, Never>] = [:]
        var closed = false
    }

    private let state: Mutex<State>
    private let outbound: AsyncStream<String>.Continuation
    private let callTimeout: Duration
    private let onCall: @Sendable (OCPPRequest) -> Void
    private let logger: Logger

    init(session: OCPPSession, outbound: AsyncStream<String>.Continuation, callTimeout: Duration,
         logger: Logger, onCall: @escaping @Sendable (OCPPRequest) -> Void) {
        self.state = Mutex(State(session: session))
        self.outbound = outbound
        self.callTimeout = callTimeout
        self.onCall = onCall
        self.logger = logger
    }

    /// A text message from the central system.
    func receive(_ text: String) {
        let (work, calls) = state.withLock { state in
            perform(state.session.receive(text, currentTime: OCPPTimestamp(Date())), &state)
        }
        work.forEach { $0() }
        calls.forEach(onCall)
    }

    /// Sends a CALL and waits for its answer (queued behind an outstanding one, OCPP-J 1.6 §4.1.1).
    func call(_ request: OCPPRequest) async -> Result<OCPPConfirmation, CallFailure> {
        let timeout = callTimeout
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<OCPPConfirmation, CallFailure>, Never>) in
            let (id, work) = state.withLock { state -> (String?, [() -> Void]) in
                guard !state.closed else {
                    return (nil, [{ continuation.resume(returning: .failure(.connectionClosed)) }])
                }
                let outcome = state.session.send(request)
                state.callers[outcome.messageID] = continuation
                return (outcome.messageID, perform(outcome.actions, &state).work)
            }
            work.forEach { $0() }
            // Bounded: the CALL fails with timedOut unless answered first (a stale timer does nothing).
            if let id {
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.timedOut(id)
                }
            }
        }
        return result
    }

    private func timedOut(_ id: String) {
        let work = state.withLock { state in perform(state.session.timedOut(id), &state).work }
        work.forEach { $0() }
    }

    /// The socket is gone: every waiting CALL fails with connectionClosed.
    func connectionClosed() {
        let work = state.withLock { state -> [() -> Void] in
            state.closed = true
            let work = perform(state.session.connectionClosed(), &state).work
            let rest = state.callers.values.map { caller in { caller.resume(returning: .failure(.connectionClosed)) } }
            state.callers = [:]
            return work + rest
        }
        work.forEach { $0() }
        outbound.finish()
    }

    /// Ends the outbound stream: the writer stops and the socket closes.
    func close() { outbound.finish() }

    /// Turns session actions into writes, resumptions and received CALLs, run outside the lock.
    private func perform(_ actions: [OCPPSession.Action], _ state: inout State) -> (work: [() -> Void], calls: [OCPPRequest]) {
        var work: [() -> Void] = []
        var calls: [OCPPRequest] = []
        for action in actions {
            switch action {
            case .sendCall(_, let frame), .sendReply(let frame):
                logger.trace("[\(frame.description)]")
                let text = frame.text
                work.append { [outbound] in _ = outbound.yield(text) }
            case .completed(let id, let result):
                if let caller = state.callers.removeValue(forKey: id) { work.append { caller.resume(returning: result) } }
            case .received(_, let request):
                calls.append(request)
            case .receivedUnmodelled(let call):
                logger.debug("answered unmodelled \(call.action)")
            case .rejected(_, let action, let error):
                logger.debug("refused \(action): \(error.errorDescription)")
            case .unmatchedReply(let frame):
                logger.debug("reply to no outstanding CALL: \(frame.messageID)")
            case .malformedFrame(let error):
                logger.notice("malformed frame: \(error)")
            }
        }
        return (work, calls)
    }
}
