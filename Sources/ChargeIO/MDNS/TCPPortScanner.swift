import DNSSD
import NIOCore
import NIOPosix

/// A host that accepted a TCP connection on at least one probed port.
public struct TCPScanHit: Hashable, Sendable {
    public var address: IPv4Address
    /// The ports that accepted, ascending.
    public var openPorts: [Int]

    public init(address: IPv4Address, openPorts: [Int]) {
        self.address = address
        self.openPorts = openPorts
    }
}

/// `discover --scan`: a TCP connect probe of a few ports across a network, with a bounded number of connects in
/// flight and a timeout on each, for stations whose mDNS does not reach this computer (SPEC.md §1).
public struct TCPPortScanner: Sendable {
    public var group: any EventLoopGroup
    public var concurrency: Int
    public var connectTimeout: Duration

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, concurrency: Int = 128,
                connectTimeout: Duration = .milliseconds(800)) {
        self.group = group
        self.concurrency = max(1, concurrency)
        self.connectTimeout = connectTimeout
    }

    /// Probes every host × port once; stops starting probes when the task is cancelled, and returns the hits so
    /// far, by address.
    public func scan(_ hosts: [IPv4Address], ports: [Int]) async -> [TCPScanHit] {
        let probes = hosts.flatMap { host in ports.map { (host, $0) } }
        var open: [IPv4Address: [Int]] = [:]
        await withTaskGroup(of: (IPv4Address, Int)?.self) { group in
            var next = probes.makeIterator()
            var inFlight = 0
            while inFlight < concurrency, let (host, port) = next.next() {
                group.addTask { await probe(host, port) ? (host, port) : nil }
                inFlight += 1
            }
            for await result in group {
                if let (host, port) = result { open[host, default: []].append(port) }
                if !Task.isCancelled, let (host, port) = next.next() {
                    group.addTask { await probe(host, port) ? (host, port) : nil }
                }
            }
        }
        return open.map { TCPScanHit(address: $0.key, openPorts: $0.value.sorted()) }.sorted { $0.address < $1.address }
    }

    /// Whether `host:port` accepts a connection within the timeout; the connection is closed at once.
    func probe(_ host: IPv4Address, _ port: Int) async -> Bool {
        let nanoseconds = connectTimeout.components.seconds * 1_000_000_000
            + connectTimeout.components.attoseconds / 1_000_000_000
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(nanoseconds))
                .connect(to: MDNSSocket.socketAddress(host, port: port)).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }
}
