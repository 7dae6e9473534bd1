import DNSSD

/// What `discover` and `advertise` need from the network, as a port the CLI environment injects: the live one
/// uses real sockets; the default refuses, so a test that forgot to choose fails loudly (ARCHITECTURE.md).
public protocol DiscoveryPort: Sendable {
    func interfaces() -> [MDNSInterface]
    func browse(on interfaces: [MDNSInterface], window: Duration, expect: Int?) async throws(MDNSError)
        -> MDNSBrowseResult
    func scan(_ hosts: [IPv4Address], ports: [Int]) async throws(MDNSError) -> [TCPScanHit]
    func advertise(_ services: DNSSDResponderGroup, on interface: MDNSInterface, duration: Duration?,
                   stop: AsyncStream<Void>?, ready: @escaping @Sendable () -> Void) async throws(MDNSError)
}

/// Real sockets on the event loop group NIO shares per process.
public struct LiveDiscoveryPort: DiscoveryPort {
    /// When set, browses see only these stations (`MDNSBrowseSession.identities`): the demo's, while another
    /// virtual site may advertise on the same loopback.
    public var identities: Set<String>?

    public init(identities: Set<String>? = nil) {
        self.identities = identities
    }

    public func interfaces() -> [MDNSInterface] { MDNSInterface.all() }

    public func browse(on interfaces: [MDNSInterface], window: Duration, expect: Int?) async throws(MDNSError)
        -> MDNSBrowseResult {
        try await MDNSBrowser().browse(on: interfaces, window: window, expect: expect, identities: identities)
    }

    public func scan(_ hosts: [IPv4Address], ports: [Int]) async throws(MDNSError) -> [TCPScanHit] {
        await TCPPortScanner().scan(hosts, ports: ports)
    }

    public func advertise(_ services: DNSSDResponderGroup, on interface: MDNSInterface, duration: Duration?,
                          stop: AsyncStream<Void>?, ready: @escaping @Sendable () -> Void) async throws(MDNSError) {
        try await MDNSResponderRunner().run(services, on: interface, duration: duration, stop: stop, ready: ready)
    }
}

/// The default of a constructed environment: no network at all.
public struct RefusingDiscoveryPort: DiscoveryPort {
    public init() {}

    public func interfaces() -> [MDNSInterface] { [] }

    public func browse(on interfaces: [MDNSInterface], window: Duration, expect: Int?) async throws(MDNSError)
        -> MDNSBrowseResult { throw .networkRefused }

    public func scan(_ hosts: [IPv4Address], ports: [Int]) async throws(MDNSError) -> [TCPScanHit] {
        throw .networkRefused
    }

    public func advertise(_ services: DNSSDResponderGroup, on interface: MDNSInterface, duration: Duration?,
                          stop: AsyncStream<Void>?, ready: @escaping @Sendable () -> Void) async throws(MDNSError) {
        throw .networkRefused
    }
}
