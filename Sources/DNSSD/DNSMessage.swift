/// A DNS message (RFC 1035 §4.1); the header counts are the section lengths, computed when encoding.
public struct DNSMessage: Hashable, Sendable {
    /// Multicast queries and responses carry 0 (RFC 6762 §18.1); a legacy unicast reply echoes the query's id.
    public var id: UInt16
    public var flags: DNSHeaderFlags
    public var questions: [DNSQuestion]
    public var answers: [DNSResourceRecord]
    /// mDNS uses this section only for the proposed records of a probe (RFC 6762 §8.2).
    public var authorities: [DNSResourceRecord]
    public var additionals: [DNSResourceRecord]

    public init(id: UInt16 = 0, flags: DNSHeaderFlags = [], questions: [DNSQuestion] = [],
                answers: [DNSResourceRecord] = [], authorities: [DNSResourceRecord] = [],
                additionals: [DNSResourceRecord] = []) {
        self.id = id
        self.flags = flags
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    public var isResponse: Bool { flags.contains(.response) }
}

/// The 16 flag bits of the header (RFC 1035 §4.1.1), every bit kept so a decoded message re-encodes exactly.
public struct DNSHeaderFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// QR: a response. mDNS receivers ignore queries' answers as data (RFC 6762 §6, §7.1).
    public static let response = DNSHeaderFlags(rawValue: 0x8000)
    /// AA: mDNS responses always set it (RFC 6762 §18.4).
    public static let authoritativeAnswer = DNSHeaderFlags(rawValue: 0x0400)
    /// TC: in an mDNS query, more known answers follow in another packet (RFC 6762 §18.5).
    public static let truncated = DNSHeaderFlags(rawValue: 0x0200)
    public static let recursionDesired = DNSHeaderFlags(rawValue: 0x0100)
    public static let recursionAvailable = DNSHeaderFlags(rawValue: 0x0080)

    /// OPCODE, bits 11–14; mDNS messages with a nonzero opcode are silently ignored (RFC 6762 §18.3).
    public var opcode: UInt8 {
        get { UInt8(truncatingIfNeeded: (rawValue >> 11) & 0x0F) }
        set { rawValue = rawValue & ~0x7800 | (UInt16(newValue & 0x0F) << 11) }
    }

    /// RCODE, bits 0–3; mDNS messages with a nonzero rcode are silently ignored (RFC 6762 §18.11).
    public var rcode: UInt8 {
        get { UInt8(truncatingIfNeeded: rawValue & 0x0F) }
        set { rawValue = rawValue & ~0x000F | UInt16(newValue & 0x0F) }
    }
}
