import JSONText

/// One OCPP-J message: the three RPC frame types of OCPP-J 1.6 specification §4.1.3.
///
/// Payloads stay `JSONValue` here; frames know nothing of actions, and the typed request and confirmation are
/// decoded by `OCPPRequest` / `OCPPConfirmation` once the action is known.
public enum OCPPFrame: Sendable, Hashable {
    case call(CallFrame)
    case callResult(CallResultFrame)
    case callError(CallErrorFrame)

    /// The MessageTypeId numbers of OCPP-J 1.6 §4.1.3.
    public enum MessageType: Int, Sendable, CustomStringConvertible {
        case call = 2
        case callResult = 3
        case callError = 4

        public var description: String {
            switch self {
            case .call: "CALL"
            case .callResult: "CALLRESULT"
            case .callError: "CALLERROR"
            }
        }
    }

    public var messageID: String {
        switch self {
        case .call(let frame): frame.messageID
        case .callResult(let frame): frame.messageID
        case .callError(let frame): frame.messageID
        }
    }

    public var messageType: MessageType {
        switch self {
        case .call: .call
        case .callResult: .callResult
        case .callError: .callError
        }
    }
}

/// `[2, "<UniqueId>", "<Action>", {payload}]` (OCPP-J 1.6 §4.2.1). The action name is case-sensitive.
public struct CallFrame: Sendable, Hashable {
    public var messageID: String
    public var action: String
    public var payload: JSONValue

    public init(messageID: String, action: String, payload: JSONValue = .emptyObject) {
        self.messageID = messageID
        self.action = action
        self.payload = payload
    }
}

/// `[3, "<UniqueId>", {payload}]` (OCPP-J 1.6 §4.2.2); the id is that of the CALL it answers.
public struct CallResultFrame: Sendable, Hashable {
    public var messageID: String
    public var payload: JSONValue

    public init(messageID: String, payload: JSONValue = .emptyObject) {
        self.messageID = messageID
        self.payload = payload
    }
}

/// `[4, "<UniqueId>", "<errorCode>", "<errorDescription>", {errorDetails}]` (OCPP-J 1.6 §4.2.3): description `""`
/// and details `{}` when there is nothing to say, never omitted.
public struct CallErrorFrame: Sendable, Hashable {
    public var messageID: String
    public var code: CallErrorCode
    public var errorDescription: String
    public var details: JSONValue

    public init(messageID: String, code: CallErrorCode, errorDescription: String = "", details: JSONValue = .emptyObject) {
        self.messageID = messageID
        self.code = code
        self.errorDescription = errorDescription
        self.details = details
    }
}
