/// The OCPP-J RPC rules of one connection, as a pure state machine: text and timer events in, actions out.
///
/// OCPP-J 1.6 specification §4.1.1: a side sends no CALL until its previous one was answered or timed out, and the
/// two sides' CALLs may cross. So our CALLs are queued behind the outstanding one, replies are matched by id, and
/// the peer's CALLs are answered at once by the `responder` whatever ours are doing. No sockets, no clock: the shell
/// writes the frames it is told to, passes the current time in and reports timer expiry with `timedOut(_:)`.
public struct OCPPSession: Sendable {
    /// Answers the peer's CALLs.
    public var responder: any CallResponder
    /// The CALL waiting for its CALLRESULT or CALLERROR.
    public private(set) var outstanding: PendingCall?
    /// CALLs waiting for the outstanding one to finish, in order.
    public private(set) var queued: [PendingCall] = []
    private var messageIDs: any MessageIDGenerator
    let decoder: FrameDecoder

    public init(
        responder: any CallResponder = CentralSystemResponder(),
        messageIDs: any MessageIDGenerator = SequentialMessageIDs(),
        decoder: FrameDecoder = FrameDecoder()
    ) {
        self.responder = responder
        self.messageIDs = messageIDs
        self.decoder = decoder
    }

    /// Sends a CALL now, or queues it when one is outstanding. A request that breaks its schema completes at once
    /// with `.invalidRequest` and is never sent.
    public mutating func send(_ request: OCPPRequest) -> SendOutcome {
        let id = messageIDs.next()
        guard (1...FrameDecoder.maximumMessageIDLength).contains(id.count) else {
            return SendOutcome(messageID: id, actions: [
                .completed(messageID: id, result: .failure(.invalidMessageID(length: id.count))),
            ])
        }
        let frame: CallFrame
        do {
            frame = try request.callFrame(messageID: id)
        } catch {
            return SendOutcome(messageID: id, actions: [.completed(messageID: id, result: .failure(.invalidRequest(error)))])
        }
        let call = PendingCall(messageID: id, request: request, frame: OutgoingFrame(.call(frame)))
        guard outstanding == nil else {
            queued.append(call)
            return SendOutcome(messageID: id, actions: [])
        }
        outstanding = call
        return SendOutcome(messageID: id, actions: [.sendCall(messageID: id, frame: call.frame)])
    }

    /// Typed convenience: `session.send(Reset.self, Reset.Request(type: .soft))`.
    public mutating func send<A: OCPPAction>(_ action: A.Type, _ request: A.Request) -> SendOutcome {
        send(A.wrap(request))
    }

    /// The shell's timer for `messageID` expired. Fails the CALL if it is still outstanding and sends the next;
    /// a stale timer (the reply came first) does nothing.
    public mutating func timedOut(_ messageID: String) -> [Action] {
        guard outstanding?.messageID == messageID else { return [] }
        return finishOutstanding(.failure(.timedOut))
    }

    /// The connection is gone: every outstanding and queued CALL fails, and the session is ready for a new one.
    public mutating func connectionClosed() -> [Action] {
        let calls = (outstanding.map { [$0] } ?? []) + queued
        outstanding = nil
        queued = []
        return calls.map { .completed(messageID: $0.messageID, result: .failure(.connectionClosed)) }
    }

    /// Completes the outstanding CALL and puts the next queued one on the wire.
    mutating func finishOutstanding(_ result: Result<OCPPConfirmation, CallFailure>) -> [Action] {
        guard let finished = outstanding else { return [] }
        var actions: [Action] = [.completed(messageID: finished.messageID, result: result)]
        outstanding = nil
        if !queued.isEmpty {
            let next = queued.removeFirst()
            outstanding = next
            actions.append(.sendCall(messageID: next.messageID, frame: next.frame))
        }
        return actions
    }
}
