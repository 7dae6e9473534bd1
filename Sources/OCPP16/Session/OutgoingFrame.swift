/// A frame ready for the socket: the exact `text` to write, and a `description` safe to trace.
///
/// The session hands these out instead of bare strings so that printing a session action can never leak the
/// licence or authorization key a ChangeConfiguration carries (SPEC §6).
public struct OutgoingFrame: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The OCPP-J text to send.
    public let text: String
    private let frame: OCPPFrame

    public init(_ frame: OCPPFrame) {
        text = frame.text
        self.frame = frame
    }

    /// The same frame with secrets masked; made only when traced (`-v`), not for every frame sent.
    public var description: String { frame.redacted.text }

    public static func == (lhs: OutgoingFrame, rhs: OutgoingFrame) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["frame": description]) }
}
