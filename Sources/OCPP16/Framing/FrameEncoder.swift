import JSONText

/// Writes frames as OCPP-J text (OCPP-J 1.6 specification §4.1): compact JSON, members sorted, so the same frame is
/// always the same bytes and tests can compare strings.
public enum FrameEncoder {
    public static func encode(_ frame: OCPPFrame) -> String {
        let elements: [JSONValue]
        switch frame {
        case .call(let call):
            elements = [.integer(2), .string(call.messageID), .string(call.action), call.payload]
        case .callResult(let result):
            elements = [.integer(3), .string(result.messageID), result.payload]
        case .callError(let error):
            elements = [
                .integer(4), .string(error.messageID), .string(error.code.wireValue),
                .string(error.errorDescription), error.details,
            ]
        }
        return JSONValue.array(elements).jsonText
    }
}

extension OCPPFrame {
    /// The frame as OCPP-J text; see `FrameEncoder`.
    public var text: String { FrameEncoder.encode(self) }
}
