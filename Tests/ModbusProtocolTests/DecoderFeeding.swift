import NIOCore
import TestRandom
import Testing

@testable import ModbusProtocol

/// The shape the frame decoders share, so one helper can feed them in any split.
protocol SingleStepDecoder {
    associatedtype Frame
    mutating func decode(_ buffer: inout ByteBuffer) throws(ModbusFrameError) -> Frame?
}

extension MBAPFrameDecoder: SingleStepDecoder {}
extension RTUFrameDecoder: SingleStepDecoder {}

/// What a decoder made of a byte stream.
struct FeedResult<Frame> {
    var frames: [Frame] = []
    var error: ModbusFrameError?
    /// Bytes of the input not consumed as frames (still buffered, refused, or never fed after an error).
    var leftover = 0
}

/// How the bytes arrive.
enum Split: CustomStringConvertible {
    case allAtOnce
    case byteByByte
    case random(seed: UInt64)

    static let standard: [Split] = [.allAtOnce, .byteByByte] + (1...20).map { .random(seed: $0) }

    func chunks(_ total: Int) -> [Int] {
        switch self {
        case .allAtOnce: return total == 0 ? [] : [total]
        case .byteByByte: return Array(repeating: 1, count: total)
        case .random(let seed):
            var rng = SplitMix64(seed: seed)
            return rng.splits(of: total)
        }
    }

    var description: String {
        switch self {
        case .allAtOnce: "all at once"
        case .byteByByte: "byte by byte"
        case .random(let seed): "random split \(seed)"
        }
    }
}

/// Appends the chunks one by one and drains the decoder after each; stops at the first error, checking the
/// decoder did not move the reader index when it threw.
func feed<D: SingleStepDecoder>(_ decoder: D, _ bytes: [UInt8], _ split: Split) -> FeedResult<D.Frame> {
    var decoder = decoder
    var result = FeedResult<D.Frame>()
    var buffer = ByteBuffer()
    var offset = 0
    var consumed = 0
    for chunk in split.chunks(bytes.count) {
        buffer.writeBytes(bytes[offset..<(offset + chunk)])
        offset += chunk
        while true {
            let before = buffer.readerIndex
            do {
                guard let frame = try decoder.decode(&buffer) else { break }
                consumed += buffer.readerIndex - before
                result.frames.append(frame)
            } catch {
                result.error = error
                #expect(buffer.readerIndex == before, "a throwing decoder must leave the buffer untouched")
                result.leftover = bytes.count - consumed
                return result
            }
        }
    }
    result.leftover = bytes.count - consumed
    return result
}

/// `[UInt8]` of a buffer's readable bytes.
func bytes(_ buffer: ByteBuffer) -> [UInt8] { Array(buffer.readableBytesView) }

/// Parses "01 03 00 0A" into bytes; test tables stay readable as hex dumps.
func hex(_ text: String) -> [UInt8] {
    text.split(separator: " ").compactMap { UInt8($0, radix: 16) }
}

func buffer(_ text: String) -> ByteBuffer { ByteBuffer(bytes: hex(text)) }
