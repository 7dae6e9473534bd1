import NIOCore

/// Secures a freshly accepted connection before HTTP sees it (security profile 2: TLS, OCPP 1.6 security
/// whitepaper §2). A protocol so the central system stays agnostic of the TLS library: only the targets that
/// provide an implementation import NIOSSL (ARCHITECTURE.md).
public protocol ChannelSecurity: Sendable {
    /// The URL scheme stations use with it: `wss`.
    var scheme: String { get }

    /// Adds the handlers that must come first on `channel`'s pipeline; runs on the channel's event loop.
    func secure(_ channel: any Channel) throws
}
