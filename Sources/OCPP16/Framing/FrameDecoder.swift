import Foundation
import JSONText

/// Reads one OCPP-J text message into an `OCPPFrame`, or says precisely why it is not one.
///
/// A plain value, so the WebSocket handler stays a few lines around it. It never traps: every input, however
/// hostile, ends in a frame or a `FrameDecodingError` (SPEC §6).
public struct FrameDecoder: Sendable {
    /// OCPP 1.6 payloads nest at most six levels (frame, MeterValues, meterValue, sampledValue); anything much
    /// deeper is refused before parsing so the recursive JSON decoding cannot exhaust a thread's stack.
    public var maximumDepth: Int

    /// The longest UniqueId allowed (OCPP-J 1.6 specification §4.1.4).
    public static let maximumMessageIDLength = 36

    public init(maximumDepth: Int = 32) {
        self.maximumDepth = maximumDepth
    }

    public func decode(_ text: String) throws(FrameDecodingError) -> OCPPFrame {
        guard JSONDepthScanner.depth(of: text.utf8, exceeds: maximumDepth) == false else {
            throw .nestingTooDeep(limit: maximumDepth)
        }
        guard let value = JSONScanner.parse(text) else { throw .notJSON }
        guard case .array(let elements) = value else { throw .notAnArray(kind: value.kind) }
        guard let first = elements.first else { throw .missingMessageTypeID }
        guard case .integer(let typeNumber) = first else { throw .messageTypeIDNotInteger(kind: first.kind) }
        let recoveredID = Self.recoverableID(elements)
        guard let type = OCPPFrame.MessageType(rawValue: typeNumber) else {
            throw .unknownMessageTypeID(typeNumber, messageID: recoveredID)
        }
        let expected = Self.arity(of: type)
        guard elements.count == expected else {
            throw .wrongArity(messageType: type, expected: expected, actual: elements.count, messageID: recoveredID)
        }
        let id = try Self.messageID(elements[1], type: type)
        switch type {
        case .call:
            guard case .string(let action) = elements[2], !action.isEmpty else {
                throw .actionNotString(messageID: id, kind: elements[2].kind)
            }
            return .call(CallFrame(messageID: id, action: action, payload: try Self.object(elements[3], type, id)))
        case .callResult:
            return .callResult(CallResultFrame(messageID: id, payload: try Self.object(elements[2], type, id)))
        case .callError:
            guard case .string(let code) = elements[2] else {
                throw .errorFieldNotString(field: "errorCode", messageID: id, kind: elements[2].kind)
            }
            guard case .string(let description) = elements[3] else {
                throw .errorFieldNotString(field: "errorDescription", messageID: id, kind: elements[3].kind)
            }
            let details = try Self.object(elements[4], type, id)
            return .callError(CallErrorFrame(
                messageID: id, code: CallErrorCode(wireValue: code), errorDescription: description, details: details))
        }
    }

    static func arity(of type: OCPPFrame.MessageType) -> Int {
        switch type {
        case .call: 4
        case .callResult: 3
        case .callError: 5
        }
    }

    /// The id of a frame broken later on, so the CALLERROR can still name it; only a valid id counts.
    static func recoverableID(_ elements: [JSONValue]) -> String? {
        guard elements.count > 1, case .string(let id) = elements[1] else { return nil }
        return (1...maximumMessageIDLength).contains(id.count) ? id : nil
    }

    static func messageID(_ value: JSONValue, type: OCPPFrame.MessageType) throws(FrameDecodingError) -> String {
        guard case .string(let id) = value else { throw .messageIDNotString(messageType: type, kind: value.kind) }
        guard (1...maximumMessageIDLength).contains(id.count) else {
            throw .messageIDLength(messageType: type, length: id.count)
        }
        return id
    }

    static func object(
        _ value: JSONValue, _ type: OCPPFrame.MessageType, _ id: String
    ) throws(FrameDecodingError) -> JSONValue {
        guard case .object = value else { throw .payloadNotObject(messageType: type, messageID: id, kind: value.kind) }
        return value
    }
}
