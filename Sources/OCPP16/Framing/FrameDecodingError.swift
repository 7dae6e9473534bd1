/// Why a text message is not a valid OCPP-J frame, with what could still be recovered from it.
///
/// Each case names the CALLERROR code a receiver should answer with (OCPP-J 1.6 specification §4.2.3 table 7) and,
/// where the frame got far enough, the message id to answer to. No case quotes the offending text: it may carry a
/// secret (SPEC §6).
public enum FrameDecodingError: Error, Sendable, Hashable {
    /// The text is not JSON at all.
    case notJSON
    /// Arrays or objects nest deeper than `limit`; refused before parsing so hostile input cannot exhaust the stack.
    case nestingTooDeep(limit: Int)
    /// Valid JSON, but not an array (`kind` is the JSON type found).
    case notAnArray(kind: String)
    /// `[]`: not even a MessageTypeId.
    case missingMessageTypeID
    /// The first element is not an integer.
    case messageTypeIDNotInteger(kind: String)
    /// A MessageTypeId other than 2, 3 or 4 (OCPP-J 1.6 §4.1.3).
    case unknownMessageTypeID(Int, messageID: String?)
    /// The frame has `actual` elements where its type needs `expected`.
    case wrongArity(messageType: OCPPFrame.MessageType, expected: Int, actual: Int, messageID: String?)
    /// The UniqueId is not a string.
    case messageIDNotString(messageType: OCPPFrame.MessageType, kind: String)
    /// The UniqueId is empty or longer than 36 characters (OCPP-J 1.6 §4.1.4).
    case messageIDLength(messageType: OCPPFrame.MessageType, length: Int)
    /// A CALL whose Action is not a non-empty string.
    case actionNotString(messageID: String, kind: String)
    /// A payload (or CALLERROR details) that is not a JSON object (OCPP-J 1.6 §4.2.1: `{}` when empty).
    case payloadNotObject(messageType: OCPPFrame.MessageType, messageID: String, kind: String)
    /// A CALLERROR whose errorCode or errorDescription is not a string.
    case errorFieldNotString(field: String, messageID: String, kind: String)

    /// The CALLERROR code to answer with. Mapping, after table 7: unparsable or structurally wrong text is a
    /// FormationViolation; missing elements make the message incomplete (ProtocolError); an element of the wrong
    /// JSON type, or an id outside its "string of at most 36 characters" type, is a TypeConstraintViolation (as an
    /// over-long CiString is, see `SchemaViolation`); an integer type id other than 2, 3, 4 is a
    /// PropertyConstraintViolation.
    public var callErrorCode: CallErrorCode {
        switch self {
        case .notJSON, .nestingTooDeep, .notAnArray, .payloadNotObject:
            .formationViolation
        case .missingMessageTypeID:
            .protocolError
        case .wrongArity(_, let expected, let actual, _):
            actual < expected ? .protocolError : .formationViolation
        case .messageTypeIDNotInteger, .messageIDNotString, .messageIDLength, .actionNotString, .errorFieldNotString:
            .typeConstraintViolation
        case .unknownMessageTypeID:
            .propertyConstraintViolation
        }
    }

    /// The UniqueId, when the frame got far enough to have a usable one.
    public var messageID: String? {
        switch self {
        case .notJSON, .nestingTooDeep, .notAnArray, .missingMessageTypeID, .messageTypeIDNotInteger,
             .messageIDNotString, .messageIDLength:
            nil
        case .unknownMessageTypeID(_, let id), .wrongArity(_, _, _, let id):
            id
        case .actionNotString(let id, _), .payloadNotObject(_, let id, _), .errorFieldNotString(_, let id, _):
            id
        }
    }

    /// The frame's MessageTypeId when it was one of the three known ones.
    public var messageType: OCPPFrame.MessageType? {
        switch self {
        case .notJSON, .nestingTooDeep, .notAnArray, .missingMessageTypeID, .messageTypeIDNotInteger,
             .unknownMessageTypeID:
            nil
        case .wrongArity(let type, _, _, _), .messageIDNotString(let type, _), .messageIDLength(let type, _),
             .payloadNotObject(let type, _, _):
            type
        case .actionNotString:
            .call
        case .errorFieldNotString:
            .callError
        }
    }
}

extension FrameDecodingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notJSON: "message is not valid JSON"
        case .nestingTooDeep(let limit): "message nests deeper than \(limit) levels"
        case .notAnArray(let kind): "message is a JSON \(kind), not an array"
        case .missingMessageTypeID: "message is an empty array"
        case .messageTypeIDNotInteger(let kind): "MessageTypeId is a JSON \(kind), not an integer"
        case .unknownMessageTypeID(let type, _): "unknown MessageTypeId \(type)"
        case .wrongArity(let type, let expected, let actual, _):
            "\(type) frame has \(actual) elements, expected \(expected)"
        case .messageIDNotString(_, let kind): "UniqueId is a JSON \(kind), not a string"
        case .messageIDLength(_, let length): "UniqueId has \(length) characters, expected 1 to 36"
        case .actionNotString(_, let kind): "Action is a JSON \(kind), not a non-empty string"
        case .payloadNotObject(let type, _, let kind): "\(type) payload is a JSON \(kind), not an object"
        case .errorFieldNotString(let field, _, let kind): "CALLERROR \(field) is a JSON \(kind), not a string"
        }
    }
}
