import NIOCore

/// A bounds-checked cursor over one message's bytes. Offsets are relative to the start of the message because
/// compression pointers are (RFC 1035 §4.1.4). Every read checks the bytes that remain before touching them.
struct DNSMessageReader {
    private let buffer: ByteBuffer
    private let base: Int
    /// Length of the whole message.
    let length: Int
    /// Next byte to read, relative to the start of the message.
    var offset = 0

    /// A legal name has at most 127 labels; a chain of more pointers than that is hostile. The cap bounds the
    /// work per name, strict backward jumps alone would allow one hop per byte of the message.
    static let maxPointerHops = 127

    init(_ buffer: ByteBuffer) {
        self.buffer = buffer
        base = buffer.readerIndex
        length = buffer.readableBytes
    }

    var remaining: Int { length - offset }

    /// Throws unless `count` bytes are left before `end` (the message end unless a rdata bound is given).
    func require(_ count: Int, _ field: DNSMessageError.Field, at position: Int, end: Int? = nil)
        throws(DNSMessageError) {
        let limit = end ?? length
        guard count <= limit - position else {
            throw .truncated(field: field, offset: position, needed: count, remaining: max(0, limit - position))
        }
    }

    private func byte(at position: Int) -> UInt8 {
        buffer.getInteger(at: base + position, as: UInt8.self) ?? 0
    }

    mutating func readUInt8(_ field: DNSMessageError.Field, end: Int? = nil) throws(DNSMessageError) -> UInt8 {
        try require(1, field, at: offset, end: end)
        defer { offset += 1 }
        return byte(at: offset)
    }

    mutating func readUInt16(_ field: DNSMessageError.Field, end: Int? = nil) throws(DNSMessageError) -> UInt16 {
        try require(2, field, at: offset, end: end)
        defer { offset += 2 }
        return UInt16(byte(at: offset)) << 8 | UInt16(byte(at: offset + 1))
    }

    mutating func readUInt32(_ field: DNSMessageError.Field, end: Int? = nil) throws(DNSMessageError) -> UInt32 {
        let high = try readUInt16(field, end: end)
        let low = try readUInt16(field, end: end)
        return UInt32(high) << 16 | UInt32(low)
    }

    mutating func readBytes(_ count: Int, _ field: DNSMessageError.Field, end: Int? = nil)
        throws(DNSMessageError) -> [UInt8] {
        try require(count, field, at: offset, end: end)
        defer { offset += count }
        return buffer.getBytes(at: base + offset, length: count) ?? []
    }

    /// Reads a possibly compressed name (RFC 1035 §4.1.4). The in-place part must end before `end`; a pointer
    /// may aim anywhere earlier in the message, but only strictly before the segment that holds it, so every
    /// jump goes backwards and no loop is possible.
    mutating func readName(end: Int? = nil) throws(DNSMessageError) -> DNSName {
        let start = offset
        var labels: [[UInt8]] = []
        var wireLength = 1
        var position = offset, segmentStart = offset, limit = end ?? length
        var resumeAt: Int?
        var hops = 0
        while true {
            try require(1, .name, at: position, end: limit)
            let lengthByte = byte(at: position)
            if lengthByte == 0 {
                position += 1
                break
            } else if lengthByte <= 63 {
                let count = Int(lengthByte)
                try require(1 + count, .name, at: position, end: limit)
                wireLength += 1 + count
                guard wireLength <= DNSName.maxWireLength else { throw .nameTooLong(offset: start, length: wireLength) }
                labels.append(buffer.getBytes(at: base + position + 1, length: count) ?? [])
                position += 1 + count
            } else if lengthByte >= 0xC0 {
                try require(2, .name, at: position, end: limit)
                let target = Int(lengthByte & 0x3F) << 8 | Int(byte(at: position + 1))
                guard target < length else {
                    throw .pointerOutOfBounds(offset: position, target: target, messageLength: length)
                }
                hops += 1
                guard target < segmentStart, hops <= Self.maxPointerHops else {
                    throw .pointerLoop(offset: position, target: target)
                }
                if resumeAt == nil { resumeAt = position + 2 }
                segmentStart = target
                position = target
                limit = length
            } else {
                throw .labelTooLong(offset: position, length: Int(lengthByte))
            }
        }
        offset = resumeAt ?? position
        return DNSName(validated: labels)
    }
}
