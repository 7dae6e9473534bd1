import JSONText

extension OCPPSession {
    /// What the shell must do, or learn, after an input. Returned in order; the shell performs them in order.
    public enum Action: Sendable, Hashable {
        /// Write `frame`, then arm the CALL timeout for `messageID` (its expiry comes back as `timedOut`).
        case sendCall(messageID: String, frame: OutgoingFrame)
        /// Write `frame`: the CALLRESULT or CALLERROR answering the peer's CALL.
        case sendReply(OutgoingFrame)
        /// The peer's CALL, decoded and already answered by the responder (the reply precedes this action).
        case received(messageID: String, request: OCPPRequest)
        /// The peer's CALL of an action this package does not model, answered by the responder's fallback.
        case receivedUnmodelled(CallFrame)
        /// The peer's CALL was answered with a CALLERROR (the reply precedes this action).
        case rejected(messageID: String, action: String, error: InboundCallError)
        /// One of our CALLs finished: the typed confirmation, or why there is none.
        case completed(messageID: String, result: Result<OCPPConfirmation, CallFailure>)
        /// A CALLRESULT or CALLERROR whose id is not the outstanding CALL's: late after a timeout, or the peer's
        /// mistake. Nothing is completed by it.
        case unmatchedReply(OCPPFrame)
        /// Text that is not a valid frame. A CALLERROR reply, when one is possible, precedes this action.
        case malformedFrame(FrameDecodingError)
    }

    /// The result of `send`: the id the CALL got, and the actions (empty when it was queued behind another).
    public struct SendOutcome: Sendable, Hashable {
        public let messageID: String
        public let actions: [Action]

        public var isQueued: Bool { actions.isEmpty }
    }

    /// One of our CALLs, outstanding or queued; the frame is encoded (and validated) once, when it is queued.
    public struct PendingCall: Sendable, Hashable {
        public let messageID: String
        public let request: OCPPRequest
        public let frame: OutgoingFrame
    }
}

/// Why one of our CALLs has no confirmation.
public enum CallFailure: Error, Sendable, Hashable {
    /// The peer answered with a CALLERROR (OCPP-J 1.6 specification §4.2.3).
    case callError(code: CallErrorCode, description: String, details: JSONValue)
    /// The CALLRESULT payload does not match the action's confirmation schema.
    case invalidConfirmation(SchemaViolation)
    /// A reply with our id that is not a valid frame.
    case malformedReply(FrameDecodingError)
    /// Our request breaks its schema (a 51-character key, say); it was never sent.
    case invalidRequest(SchemaViolation)
    /// The id generator produced an id that is empty or longer than 36 characters; the CALL was never sent.
    case invalidMessageID(length: Int)
    /// No answer before the shell's timeout; OCPP-J 1.6 §4.1.1 leaves the timeout to the implementation.
    case timedOut
    /// The connection closed while the CALL was outstanding or queued.
    case connectionClosed
}

/// Why the peer's CALL was answered with a CALLERROR, and with which code.
public enum InboundCallError: Error, Sendable, Hashable {
    /// Not an OCPP 1.6 action at all: NotImplemented (OCPP-J 1.6 §4.2.3 table 7).
    case unknownAction
    /// An OCPP action this side does not handle: NotSupported.
    case unsupportedAction
    /// The payload breaks the action's schema.
    case invalidPayload(SchemaViolation)
    /// The responder refused the CALL.
    case refused(code: CallErrorCode, description: String)
    /// The responder's answer breaks the confirmation schema: our fault, so InternalError.
    case invalidResponse(SchemaViolation)

    public var callErrorCode: CallErrorCode {
        switch self {
        case .unknownAction: .notImplemented
        case .unsupportedAction: .notSupported
        case .invalidPayload(let violation): violation.callErrorCode
        case .refused(let code, _): code
        case .invalidResponse: .internalError
        }
    }

    /// The CALLERROR errorDescription: names fields and limits, never values.
    public var errorDescription: String {
        switch self {
        case .unknownAction: "action is not known"
        case .unsupportedAction: "action is not supported"
        case .invalidPayload(let violation): violation.description
        case .refused(_, let description): description
        case .invalidResponse: "could not build a valid confirmation"
        }
    }
}
