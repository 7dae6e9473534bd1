import DNSSD

/// A `--scan` target such as `192.168.1.0/24`.
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    /// Larger networks would take minutes to probe at a useful timeout; a site LAN is a /24 or so.
    public static let smallestPrefix = 16

    public var base: IPv4Address
    public var prefixLength: Int

    /// Parses `a.b.c.d/len` (a bare address is a /32); host bits set in the address are cleared.
    public init(_ text: String) throws(MDNSError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPv4Address(String(parts[0])) else {
            throw .invalidNetwork(text: text, reason: "expected an IPv4 network such as 192.168.1.0/24")
        }
        let length = parts.count == 2 ? Int(parts[1]) : 32
        guard let length, (0...32).contains(length) else {
            throw .invalidNetwork(text: text, reason: "the prefix length must be 0 to 32")
        }
        guard length >= Self.smallestPrefix else {
            throw .invalidNetwork(text: text, reason: "at most a /\(Self.smallestPrefix) (65 534 addresses) can be probed")
        }
        prefixLength = length
        base = IPv4Address(rawValue: address.rawValue & Self.mask(length))
    }

    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << (32 - length) }

    /// The addresses to probe: all but the network and broadcast addresses, except in a /31 or /32 (RFC 3021).
    public var hosts: [IPv4Address] {
        let size = UInt64(1) << (32 - prefixLength)
        let range: Range<UInt64> = prefixLength >= 31 ? 0..<size : 1..<(size - 1)
        return range.map { IPv4Address(rawValue: base.rawValue &+ UInt32($0)) }
    }

    public var description: String { "\(base)/\(prefixLength)" }
}
