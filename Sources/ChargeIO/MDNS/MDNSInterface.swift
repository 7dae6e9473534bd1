#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DNSSD

/// An IPv4 interface mDNS can use: the name for `--interface`, the address that pins the group join
/// (`IP_ADD_MEMBERSHIP`) and the outgoing interface (`IP_MULTICAST_IF`) to it (RFC 6762 §15: one link at a time).
public struct MDNSInterface: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var address: IPv4Address
    public var isLoopback: Bool
    /// The subnet's prefix length (24 for 255.255.255.0); nil when unknown. `adopt` picks the address on a
    /// station's subnet with it.
    public var prefixLength: Int?

    public init(name: String, address: IPv4Address, isLoopback: Bool = false, prefixLength: Int? = nil) {
        self.name = name
        self.address = address
        self.isLoopback = isLoopback
        self.prefixLength = prefixLength
    }

    public var description: String { "\(name) (\(address))" }

    /// Every interface that is up with an IPv4 address, in the kernel's order; an interface with several
    /// addresses appears once, with its first.
    public static func all() -> [MDNSInterface] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0 else { return [] }
        defer { freeifaddrs(head) }
        var found: [MDNSInterface] = []
        var cursor = head
        while let entry = cursor?.pointee {
            cursor = entry.ifa_next
            guard let socketAddress = entry.ifa_addr, socketAddress.pointee.sa_family == sa_family_t(AF_INET),
                  entry.ifa_flags & UInt32(IFF_UP) != 0, let cName = entry.ifa_name else { continue }
            let name = String(cString: cName)
            guard !found.contains(where: { $0.name == name }) else { continue }
            let raw = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
            let mask = entry.ifa_netmask.map { netmask in
                netmask.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
            }
            found.append(MDNSInterface(name: name, address: IPv4Address(rawValue: UInt32(bigEndian: raw)),
                                       isLoopback: entry.ifa_flags & UInt32(IFF_LOOPBACK) != 0,
                                       prefixLength: mask.map { $0.nonzeroBitCount }))
        }
        return found
    }

    /// The interface named `name`, or every interface when nil (SPEC.md §5: browse on every IPv4 interface).
    public static func select(_ name: String?, from interfaces: [MDNSInterface] = all())
        throws(MDNSError) -> [MDNSInterface] {
        guard let name else {
            guard !interfaces.isEmpty else { throw .noInterfaces }
            return interfaces
        }
        let chosen = interfaces.filter { $0.name == name }
        guard !chosen.isEmpty else { throw .unknownInterface(name: name, available: interfaces.map(\.name)) }
        return chosen
    }

    /// The address in the C form socket options take.
    var inAddr: in_addr { in_addr(s_addr: address.rawValue.bigEndian) }
}
