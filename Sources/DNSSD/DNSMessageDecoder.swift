import NIOCore

/// Decodes one DNS message from the readable bytes of a buffer (one UDP datagram, RFC 6762 §17).
///
/// Plain value, no state between messages: the multicast socket in ChargeIO is a thin adapter around it. Bytes
/// after the last counted record are ignored, as the counts define the message (RFC 1035 §4.1.1).
public struct DNSMessageDecoder: Sendable {
    public init() {}

    public func decode(_ buffer: ByteBuffer) throws(DNSMessageError) -> DNSMessage {
        var reader = DNSMessageReader(buffer)
        try reader.require(12, .header, at: 0)
        var message = DNSMessage()
        message.id = try reader.readUInt16(.header)
        message.flags = DNSHeaderFlags(rawValue: try reader.readUInt16(.header))
        let questionCount = Int(try reader.readUInt16(.header))
        let answerCount = Int(try reader.readUInt16(.header))
        let authorityCount = Int(try reader.readUInt16(.header))
        let additionalCount = Int(try reader.readUInt16(.header))
        // Counts are not trusted for allocation: each entry is read (and fails) before the next is attempted.
        for _ in 0..<questionCount {
            message.questions.append(try readQuestion(&reader))
        }
        message.answers = try readRecords(&reader, count: answerCount)
        message.authorities = try readRecords(&reader, count: authorityCount)
        message.additionals = try readRecords(&reader, count: additionalCount)
        return message
    }

    /// Convenience for tests and captured packets.
    public func decode(bytes: some Sequence<UInt8>) throws(DNSMessageError) -> DNSMessage {
        try decode(ByteBuffer(bytes: bytes))
    }

    private func readQuestion(_ reader: inout DNSMessageReader) throws(DNSMessageError) -> DNSQuestion {
        let name = try reader.readName()
        let type = DNSRecordType(rawValue: try reader.readUInt16(.question))
        let rawClass = try reader.readUInt16(.question)
        return DNSQuestion(name: name, type: type, recordClass: DNSRecordClass(rawValue: rawClass),
                           unicastResponse: rawClass & 0x8000 != 0)
    }

    private func readRecords(_ reader: inout DNSMessageReader, count: Int)
        throws(DNSMessageError) -> [DNSResourceRecord] {
        var records: [DNSResourceRecord] = []
        for _ in 0..<count {
            records.append(try readRecord(&reader))
        }
        return records
    }

    private func readRecord(_ reader: inout DNSMessageReader) throws(DNSMessageError) -> DNSResourceRecord {
        let name = try reader.readName()
        let type = DNSRecordType(rawValue: try reader.readUInt16(.recordHeader))
        let rawClass = try reader.readUInt16(.recordHeader)
        let ttl = try reader.readUInt32(.recordHeader)
        let rdataLength = Int(try reader.readUInt16(.recordHeader))
        try reader.require(rdataLength, .rdata, at: reader.offset)
        let data = try readRdata(&reader, type: type, length: rdataLength)
        return DNSResourceRecord(name: name, ttl: ttl, data: data, recordClass: DNSRecordClass(rawValue: rawClass),
                                 cacheFlush: rawClass & 0x8000 != 0)
    }
}
