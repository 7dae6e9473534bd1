import DNSSD

/// What can stop an mDNS browse, a responder or a scan before it starts; the CLI maps each to a message, a hint and
/// an exit code (SPEC.md §1: 3 for network failures, 2 for a bad argument).
///
/// Trouble on one interface (a failed group join, a send that fails) is not an error: the other interfaces carry
/// on and the problem is reported as a `MDNSWarning`.
public enum MDNSError: Error, Hashable, Sendable {
    /// `--interface NAME` names no interface that is up with an IPv4 address.
    case unknownInterface(name: String, available: [String])
    /// No interface is up with an IPv4 address.
    case noInterfaces
    /// No socket could be opened on any interface: nothing can be sent.
    case noSocket(reason: String)
    /// The responder could not bind port 5353 on its interface (RFC 6762 §6: responses come from 5353).
    case responderBind(interface: String, reason: String)
    /// A network description that is not `a.b.c.d/len`, or one too large to probe.
    case invalidNetwork(text: String, reason: String)
    /// The environment refuses the network (tests that did not fake it).
    case networkRefused
}

/// A problem on one interface that did not stop the run.
public struct MDNSWarning: Hashable, Sendable, CustomStringConvertible {
    public var interface: String
    public var message: String

    public init(interface: String, message: String) {
        self.interface = interface
        self.message = message
    }

    public var description: String { "\(interface): \(message)" }
}
