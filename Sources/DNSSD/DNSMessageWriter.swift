import NIOCore

/// Appends wire bytes and remembers where each name suffix was written, for compression pointers.
struct DNSMessageWriter {
    var buffer: ByteBuffer
    private let start: Int
    private let compress: Bool
    /// Exact label bytes of a suffix → its offset. Exact, not case-folded, so a decoded name keeps the case it
    /// was given; a pointer can only reach the first 16 KiB (14 bits, RFC 1035 §4.1.4).
    private var suffixOffsets: [[[UInt8]]: Int] = [:]

    init(buffer: ByteBuffer, compress: Bool) {
        self.buffer = buffer
        start = buffer.writerIndex
        self.compress = compress
    }

    private var offset: Int { buffer.writerIndex - start }

    mutating func writeUInt16(_ value: UInt16) { buffer.writeInteger(value, as: UInt16.self) }

    mutating func writeCount(_ count: Int, _ field: DNSMessageError.Field) throws(DNSMessageError) {
        guard count <= Int(UInt16.max) else { throw .sectionTooLarge(field: field, count: count) }
        writeUInt16(UInt16(count))
    }

    mutating func writeName(_ name: DNSName) {
        for index in name.labels.indices {
            let suffix = Array(name.labels[index...])
            if compress, let target = suffixOffsets[suffix] {
                writeUInt16(0xC000 | UInt16(target))
                return
            }
            if compress, offset < 0x4000 { suffixOffsets[suffix] = offset }
            let label = name.labels[index]
            buffer.writeInteger(UInt8(label.count), as: UInt8.self)
            buffer.writeBytes(label)
        }
        buffer.writeInteger(UInt8(0), as: UInt8.self)
    }

    mutating func writeRecord(_ record: DNSResourceRecord) throws(DNSMessageError) {
        writeName(record.name)
        writeUInt16(record.type.rawValue)
        writeUInt16(record.recordClass.rawValue | (record.cacheFlush ? 0x8000 : 0))
        buffer.writeInteger(record.ttl, as: UInt32.self)
        let lengthIndex = buffer.writerIndex
        writeUInt16(0)
        try writeRdata(record.data)
        let length = buffer.writerIndex - lengthIndex - 2
        guard length <= Int(UInt16.max) else { throw .rdataTooLong(type: record.type, length: length) }
        buffer.setInteger(UInt16(length), at: lengthIndex, as: UInt16.self)
    }

    private mutating func writeRdata(_ data: DNSRecordData) throws(DNSMessageError) {
        switch data {
        case .a(let address):
            buffer.writeBytes(address.bytes)
        case .aaaa(let address):
            buffer.writeBytes(address.bytes)
        case .ptr(let name):
            writeName(name)
        case .srv(let priority, let weight, let port, let target):
            writeUInt16(priority)
            writeUInt16(weight)
            writeUInt16(port)
            writeName(target)
        case .txt(let txt):
            // RFC 6763 §6.1: a TXT record with no attributes is a single empty string, never zero bytes.
            for string in txt.strings.isEmpty ? [[]] : txt.strings {
                guard string.count <= 255 else { throw .txtStringTooLong(length: string.count) }
                buffer.writeInteger(UInt8(string.count), as: UInt8.self)
                buffer.writeBytes(string)
            }
        case .nsec(let next, let bitmaps):
            writeName(next)
            buffer.writeBytes(bitmaps)
        case .unknown(_, let rdata):
            buffer.writeBytes(rdata)
        }
    }
}
