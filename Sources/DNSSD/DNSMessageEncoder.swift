import NIOCore

/// Encodes a `DNSMessage` to wire bytes, compressing repeated name suffixes (RFC 1035 §4.1.4), which mDNS asks
/// for in every message (RFC 6762 §18.14).
public struct DNSMessageEncoder: Sendable {
    /// Off only to produce reference bytes in tests or to talk to a peer that cannot decompress.
    public var compressNames: Bool

    public init(compressNames: Bool = true) {
        self.compressNames = compressNames
    }

    /// Appends the message at the buffer's writer index; pointers are relative to that start.
    public func encode(_ message: DNSMessage, into buffer: inout ByteBuffer) throws(DNSMessageError) {
        var writer = DNSMessageWriter(buffer: buffer, compress: compressNames)
        writer.writeUInt16(message.id)
        writer.writeUInt16(message.flags.rawValue)
        try writer.writeCount(message.questions.count, .question)
        try writer.writeCount(message.answers.count, .recordHeader)
        try writer.writeCount(message.authorities.count, .recordHeader)
        try writer.writeCount(message.additionals.count, .recordHeader)
        for question in message.questions {
            writer.writeName(question.name)
            writer.writeUInt16(question.type.rawValue)
            writer.writeUInt16(question.recordClass.rawValue | (question.unicastResponse ? 0x8000 : 0))
        }
        for record in message.answers + message.authorities + message.additionals {
            try writer.writeRecord(record)
        }
        buffer = writer.buffer
    }

    /// The message in a fresh buffer.
    public func encode(_ message: DNSMessage) throws(DNSMessageError) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 512)
        try encode(message, into: &buffer)
        return buffer
    }

    /// The message as bytes, for tests and fixtures.
    public func encodeBytes(_ message: DNSMessage) throws(DNSMessageError) -> [UInt8] {
        let buffer = try encode(message)
        return Array(buffer.readableBytesView)
    }
}
