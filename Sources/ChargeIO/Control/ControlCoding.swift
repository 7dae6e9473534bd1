import JSONText
import NIOCore

/// JSON lines for the control socket through JSONText's scanner and one-pass text encoder: Foundation's JSON coders
/// cost more CPU than the OCPP traffic they carried in the benchmark.
enum ControlCoding {
    static func decode<T: Decodable>(_ type: T.Type, line: ByteBuffer) -> T? {
        let value = line.readableBytesView.withContiguousStorageIfAvailable { JSONValueDecoding.parse($0) } ?? nil
        guard let value else { return nil }
        return try? JSONValueDecoding.decode(type, from: value)
    }

    static func line<T: Encodable>(_ value: T, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer? {
        guard let encoded = try? JSONTextEncoding.encode(value) else { return nil }
        var buffer = allocator.buffer(capacity: encoded.count + 1)
        buffer.writeBytes(encoded)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }
}
