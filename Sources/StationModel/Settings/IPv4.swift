/// A dotted-quad IPv4 address as a station setting or a site file holds it, parsed without Foundation.
///
/// Its own name, not `IPv4Address`: that is DNSSD's A-record value, and StationModel and DNSSD may not import
/// each other (ARCHITECTURE.md), so the two cannot share one type.
public struct IPv4: Sendable, Equatable, CustomStringConvertible {
    public var octets: [UInt8]

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isNumber), let value = UInt8(part) else { return nil }
            octets.append(value)
        }
        self.octets = octets
    }

    public var description: String { octets.map(String.init).joined(separator: ".") }

    public var value: UInt32 { octets.reduce(0) { $0 << 8 | UInt32($1) } }

    public func isInSubnet(of other: IPv4, prefix: Int) -> Bool {
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - UInt32(prefix))
        return value & mask == other.value & mask
    }
}
