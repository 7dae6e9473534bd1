#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DNSSD
import NIOCore
import NIOPosix

/// A UDP socket carrying mDNS datagrams, as structured concurrency sees it.
typealias MDNSDatagramChannel = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

/// Opens the UDP sockets mDNS needs. Fallible setup runs on the plain `Channel`, which is closed on failure;
/// only a fully set-up channel is wrapped in `NIOAsyncChannel`, because dropping an unfinished one traps
/// (environment.md §1).
enum MDNSSocket {
    /// RFC 6762 §3: the IPv4 link-local group and port.
    static let groupAddress = IPv4Address(224, 0, 0, 251)
    static let port = 5353
    static let group = socketAddress(groupAddress, port: port)

    /// `address:port` bound with SO_REUSEADDR and SO_REUSEPORT, so it shares 5353 with avahi, zeroconf or
    /// another chargectl (RFC 6762 §15.1: several responders on one host).
    static func bind(_ address: IPv4Address, port: Int, on group: any EventLoopGroup) async throws -> any Channel {
        try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(ChannelOptions.Types.SocketOption(level: .init(rawValue: SOL_SOCKET),
                                                             name: .init(rawValue: SO_REUSEPORT)), value: 1)
            .bind(to: socketAddress(address, port: port)).get()
    }

    /// Sends leave by `interface` (not the default route, environment.md §2), come back to listeners on this
    /// host, and carry IP TTL 255 (RFC 6762 §11).
    static func pinSending(_ channel: any Channel, to interface: MDNSInterface) async throws {
        guard let provider = channel as? any SocketOptionProvider else { throw ChannelError.operationUnsupported }
        try await provider.setIPMulticastIF(interface.inAddr).get()
        try await provider.setIPMulticastLoop(1).get()
        try await provider.setIPMulticastTTL(255).get()
    }

    /// Joins 224.0.0.251 on `interface` with the raw IP_ADD_MEMBERSHIP option: NIO's `joinGroup` refuses an
    /// interface without the MULTICAST flag, which `lo` lacks by default, though the kernel accepts it
    /// (environment.md §2).
    static func join(_ channel: any Channel, on interface: MDNSInterface) async throws {
        guard let provider = channel as? any SocketOptionProvider else { throw ChannelError.operationUnsupported }
        let request = ip_mreq(imr_multiaddr: in_addr(s_addr: groupAddress.rawValue.bigEndian),
                              imr_interface: interface.inAddr)
        try await provider.unsafeSetSocketOption(level: SocketOptionLevel(IPPROTO_IP),
                                                 name: SocketOptionName(IP_ADD_MEMBERSHIP), value: request).get()
    }

    /// Wraps a set-up channel; closes it if wrapping fails.
    static func wrap(_ channel: any Channel) async throws -> MDNSDatagramChannel {
        do {
            return try await channel.eventLoop.submit {
                try MDNSDatagramChannel(wrappingChannelSynchronously: channel)
            }.get()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    static func socketAddress(_ address: IPv4Address, port: Int) -> SocketAddress {
        var raw = sockaddr_in()
        raw.sin_family = sa_family_t(AF_INET)
        raw.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        raw.sin_addr = in_addr(s_addr: address.rawValue.bigEndian)
        return SocketAddress(raw, host: address.description)
    }

    /// The IPv4 address of a socket address, nil for IPv6 or Unix.
    static func ipv4(of address: SocketAddress) -> IPv4Address? {
        guard case .v4(let v4) = address else { return nil }
        return IPv4Address(rawValue: UInt32(bigEndian: v4.address.sin_addr.s_addr))
    }
}
