/// A frame ready for the socket: the exact `text` to write, and a `description` safe to trace.
///
/// The session hands these out instead of bare strings so that printing a session action can never leak the
/// licence or authorization key a ChangeConfiguration carries (SPEC §6).
public struct OutgoingFrame: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The OCPP-J text to send.
    public let text: String
    /// The same frame with secrets masked.
    public let description: String

    public init(_ frame: OCPPFrame) {
        text = frame.text
        description = frame.redacted.text
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["frame": description]) }
}
