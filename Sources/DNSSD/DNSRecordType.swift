/// A resource record TYPE (RFC 1035 §3.2.2), open-ended so unknown types survive a decode/encode round trip.
public struct DNSRecordType: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = DNSRecordType(rawValue: 1)
    public static let ptr = DNSRecordType(rawValue: 12)
    public static let txt = DNSRecordType(rawValue: 16)
    /// RFC 3596.
    public static let aaaa = DNSRecordType(rawValue: 28)
    /// RFC 2782.
    public static let srv = DNSRecordType(rawValue: 33)
    /// RFC 4034 §4; mDNS uses it for negative responses (RFC 6762 §6.1).
    public static let nsec = DNSRecordType(rawValue: 47)
    /// QTYPE `*` (RFC 1035 §3.2.3): a question for all records of a name.
    public static let any = DNSRecordType(rawValue: 255)

    public static func < (lhs: DNSRecordType, rhs: DNSRecordType) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .a: "A"
        case .ptr: "PTR"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .srv: "SRV"
        case .nsec: "NSEC"
        case .any: "ANY"
        default: "TYPE\(rawValue)"
        }
    }
}

/// A CLASS (RFC 1035 §3.2.4) without the mDNS flag bit that shares its 16 bits (RFC 6762 §10.2, §5.4).
public struct DNSRecordClass: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    /// Values above 0x7FFF lose their top bit: in mDNS that bit is the cache-flush or unicast-response flag.
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x7FFF }

    public static let internet = DNSRecordClass(rawValue: 1)
    /// QCLASS `*` (RFC 1035 §3.2.5).
    public static let any = DNSRecordClass(rawValue: 255)
}
