/// What happened to a station's connection, for a long-running central system to report (`serve` logs these on
/// stderr). Never carries credentials: a refusal is described by `HandshakeRefusal`, which names no password.
public enum CentralSystemEvent: Sendable, Hashable, CustomStringConvertible {
    case connected(identity: String, replacedEarlier: Bool)
    case disconnected(identity: String)
    case refused(reason: String)

    public var description: String {
        switch self {
        case .connected(let identity, let replaced):
            "\(identity) connected" + (replaced ? " (replacing its earlier connection)" : "")
        case .disconnected(let identity): "\(identity) disconnected"
        case .refused(let reason): "refused a connection: \(reason)"
        }
    }
}
