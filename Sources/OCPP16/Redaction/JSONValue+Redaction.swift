import JSONText
import SharedText

/// Masks secrets inside raw payloads, so frames can be traced (`-v`) and printed safely (SPEC §1, §6).
///
/// Any object with a `key` naming a secret (ChangeConfiguration.req, a GetConfiguration.conf KeyValue) has its
/// `value` replaced by `***`, at any depth.
extension JSONValue {
    public var redacted: JSONValue {
        switch self {
        case .array(let elements):
            return .array(elements.map(\.redacted))
        case .object(var members):
            if case .string(let key)? = members["key"], SecretMask.isSecretKey(key), members["value"] != nil {
                members["value"] = .string(SecretMask.text)
            }
            return .object(members.mapValues(\.redacted))
        default:
            return self
        }
    }
}

extension JSONValue: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Compact JSON with secrets masked; use `jsonText` for the exact text.
    public var description: String { redacted.jsonText }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["json": description]) }
}

extension OCPPFrame: CustomStringConvertible, CustomDebugStringConvertible {
    /// The frame with secrets masked, for traces and logs.
    public var redacted: OCPPFrame {
        switch self {
        case .call(var frame): frame.payload = frame.payload.redacted; return .call(frame)
        case .callResult(var frame): frame.payload = frame.payload.redacted; return .callResult(frame)
        case .callError(var frame): frame.details = frame.details.redacted; return .callError(frame)
        }
    }

    public var description: String { redacted.text }
    public var debugDescription: String { description }
}

/// Text for a frame trace of anything received or sent: secrets masked, and text that is not JSON summarised
/// rather than echoed (it cannot be searched for secrets).
public enum FrameRedaction {
    public static func redact(_ text: String) -> String {
        if let frame = try? FrameDecoder().decode(text) { return frame.description }
        return "<\(text.utf8.count) bytes, not an OCPP-J frame>"
    }
}
