/// A question (RFC 1035 §4.1.2) with the mDNS unicast-response flag split out of QCLASS.
public struct DNSQuestion: Hashable, Sendable {
    public var name: DNSName
    public var type: DNSRecordType
    public var recordClass: DNSRecordClass
    /// The "QU" bit, the top bit of QCLASS: the asker would like a unicast reply (RFC 6762 §5.4).
    public var unicastResponse: Bool

    public init(name: DNSName, type: DNSRecordType, recordClass: DNSRecordClass = .internet,
                unicastResponse: Bool = false) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
        self.unicastResponse = unicastResponse
    }
}

/// A resource record (RFC 1035 §4.1.3) with the mDNS cache-flush flag split out of CLASS.
public struct DNSResourceRecord: Hashable, Sendable {
    public var name: DNSName
    public var recordClass: DNSRecordClass
    /// The top bit of CLASS: this record replaces every cached record of the same name, type and class
    /// (RFC 6762 §10.2). Set on unique records (SRV, TXT, A), never on shared ones such as a service PTR.
    public var cacheFlush: Bool
    /// Seconds; 0 is a goodbye, "this record is gone" (RFC 6762 §10.1).
    public var ttl: UInt32
    public var data: DNSRecordData

    public init(name: DNSName, ttl: UInt32, data: DNSRecordData, recordClass: DNSRecordClass = .internet,
                cacheFlush: Bool = false) {
        self.name = name
        self.recordClass = recordClass
        self.cacheFlush = cacheFlush
        self.ttl = ttl
        self.data = data
    }

    public var type: DNSRecordType { data.type }
}

/// Typed rdata for the records DNS-SD needs; any other type keeps its bytes (RFC 3597 §5).
public enum DNSRecordData: Hashable, Sendable {
    case a(IPv4Address)
    case aaaa(IPv6Address)
    /// Service type → instance name in DNS-SD (RFC 6763 §4.1).
    case ptr(DNSName)
    /// RFC 2782; the target is the host that `a`/`aaaa` records resolve.
    case srv(priority: UInt16, weight: UInt16, port: UInt16, target: DNSName)
    case txt(DNSTXT)
    /// RFC 4034 §4.1: the next domain name is decoded; the type bitmaps stay opaque.
    case nsec(nextDomainName: DNSName, typeBitmaps: [UInt8])
    /// Any other type. A known type spelled this way is written as given but decodes to its typed case.
    case unknown(type: DNSRecordType, rdata: [UInt8])

    public var type: DNSRecordType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .ptr: .ptr
        case .srv: .srv
        case .txt: .txt
        case .nsec: .nsec
        case .unknown(let type, _): type
        }
    }
}
