import JSONText

/// Decides the answer to each CALL the peer sends; the session handles framing, validation and errors around it.
///
/// A central system uses `CentralSystemResponder`; a simulated charge point supplies its own (answering
/// GetConfiguration, ChangeConfiguration, …). `mutating` so a responder may keep state, such as a simulated
/// station's configuration.
public protocol CallResponder: Sendable {
    /// Answers a CALL whose payload was valid for its schema.
    mutating func respond(to request: OCPPRequest, context: CallContext) -> CallResponse

    /// Answers a CALL of an action this package does not model (StartTransaction, say); nil lets the session answer
    /// NotSupported or NotImplemented.
    mutating func respond(toUnmodelled call: CallFrame, context: CallContext) -> CallResponse?
}

extension CallResponder {
    public mutating func respond(toUnmodelled call: CallFrame, context: CallContext) -> CallResponse? { nil }
}

/// What a responder knows about the CALL besides its payload. The time is passed in: the core reads no clock.
public struct CallContext: Sendable, Hashable {
    public var messageID: String
    public var currentTime: OCPPTimestamp

    public init(messageID: String, currentTime: OCPPTimestamp) {
        self.messageID = messageID
        self.currentTime = currentTime
    }
}

/// A responder's answer: a confirmation for a CALLRESULT, or a CALLERROR.
public enum CallResponse: Sendable, Hashable {
    case confirmation(OCPPConfirmation)
    /// A raw CALLRESULT payload, for unmodelled actions.
    case payload(JSONValue)
    case callError(CallErrorCode, description: String)
}
