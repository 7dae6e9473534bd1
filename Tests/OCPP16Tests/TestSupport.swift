import Foundation
import Testing
import JSONText
@testable import OCPP16

/// A fixed instant standing in for the clock the shell would pass in.
let noon = OCPPTimestamp("2024-05-01T12:00:00Z")!

func decodeFrame(_ text: String) throws -> OCPPFrame {
    try FrameDecoder().decode(text)
}

/// The error a text gives, or nil when it decodes.
func frameError(_ text: String) -> FrameDecodingError? {
    do {
        _ = try FrameDecoder().decode(text)
        return nil
    } catch {
        return error
    }
}

/// The schema violation decoding `payload` as `T` gives, or nil when it decodes.
func violation<T: OCPPPayload>(_ type: T.Type, _ payloadText: String) throws -> SchemaViolation? {
    let payload = try JSONDecoder().decode(JSONValue.self, from: Data(payloadText.utf8))
    do {
        _ = try PayloadCoder.decode(T.self, from: payload)
        return nil
    } catch {
        return error
    }
}

/// The violation encoding `value` gives, or nil when it encodes.
func encodingViolation<T: OCPPPayload>(_ value: T) -> SchemaViolation? {
    do {
        _ = try PayloadCoder.encode(value)
        return nil
    } catch {
        return error
    }
}

/// Encodes a payload through the schema-checking coder and returns its exact JSON text.
func payloadText<T: OCPPPayload>(_ value: T) throws -> String {
    try PayloadCoder.encode(value).jsonText
}

/// Decodes payload text through the schema-checking coder.
func decodePayload<T: OCPPPayload>(_ type: T.Type, _ text: String) throws -> T {
    let payload = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    return try PayloadCoder.decode(T.self, from: payload)
}

extension OCPPSession.Action {
    /// The text to write when this action writes a frame.
    var writtenText: String? {
        switch self {
        case .sendCall(_, let frame): frame.text
        case .sendReply(let frame): frame.text
        default: nil
        }
    }
}
