/// Everything that can go wrong decoding or encoding a DNS message, with the byte offset (from the start of the
/// message) and the field involved, so a frame trace can point at the culprit.
///
/// Decoding hostile bytes only ever ends in one of these cases, never in a trap: every length is checked against
/// the bytes that remain (SPEC.md §6).
public enum DNSMessageError: Error, Hashable, Sendable {
    /// Which part of the message was being read or written.
    public enum Field: String, Hashable, Sendable {
        case header, name, question, recordHeader, rdata, txtString
    }

    /// `field` at `offset` needs `needed` bytes but only `remaining` are left.
    case truncated(field: Field, offset: Int, needed: Int, remaining: Int)
    /// A label length byte above 63 (RFC 1035 §2.3.4); the top two bits 01 and 10 are reserved (RFC 1035 §4.1.4,
    /// RFC 6891 §5), so only the lengths 0...63 and the pointer tag 11 are meaningful.
    case labelTooLong(offset: Int, length: Int)
    /// A label that cannot be built: empty inside a name, or longer than 63 bytes (RFC 1035 §2.3.4).
    case invalidLabel(length: Int)
    /// A name over 255 bytes in wire form (RFC 1035 §2.3.4); `offset` is nil when building a name in memory.
    case nameTooLong(offset: Int?, length: Int)
    /// A compression pointer at `offset` aims at `target`, at or past the end of the message.
    case pointerOutOfBounds(offset: Int, target: Int, messageLength: Int)
    /// A compression pointer at `offset` aims at `target`, which is not strictly before the bytes being read, so
    /// it points forward or could loop; RFC 1035 §4.1.4 only defines pointers to a *prior* occurrence.
    case pointerLoop(offset: Int, target: Int)
    /// The rdata of a record of `type` at `offset` declares `declared` bytes but its content takes `consumed`.
    case rdataLengthMismatch(type: DNSRecordType, offset: Int, declared: Int, consumed: Int)
    /// A TXT character-string over 255 bytes cannot be length-prefixed (RFC 1035 §3.3, RFC 6763 §6.1).
    case txtStringTooLong(length: Int)
    /// Rdata over 65 535 bytes cannot be described by RDLENGTH (RFC 1035 §4.1.3).
    case rdataTooLong(type: DNSRecordType, length: Int)
    /// A section with more than 65 535 entries cannot be counted in the header (RFC 1035 §4.1.1).
    case sectionTooLarge(field: Field, count: Int)
}
