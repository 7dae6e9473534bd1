import NIOCore
import Testing
@testable import DNSSD

@Suite struct DNSMessageDecoderTests {
    let decoder = DNSMessageDecoder()

    /// A header with `questions` questions and nothing else counted.
    func query(questions: UInt8, _ body: [UInt8]) -> [UInt8] {
        [0, 0, 0, 0, 0, questions, 0, 0, 0, 0, 0, 0] + body
    }

    @Test func handAssembledResponseWithPointersDecodes() throws {
        let message = try decoder.decode(bytes: StationPacket.bytes)
        #expect(message == StationPacket.message)
        #expect(message.additionals.map(\.cacheFlush) == [true, true, true])
        #expect(message.answers[0].cacheFlush == false)
        #expect(message.exactNames == StationPacket.message.exactNames)
    }

    @Test func decodingRespectsTheReaderIndex() throws {
        var buffer = ByteBuffer(bytes: [0xFF, 0xFF, 0xFF] + StationPacket.bytes + [0xEE])
        buffer.moveReaderIndex(forwardBy: 3)
        #expect(try decoder.decode(buffer) == StationPacket.message)
    }

    @Test func unicastResponseBitAndCaseAreKept() throws {
        let message = try decoder.decode(bytes: query(questions: 1, StationPacket.wire("_ALFEN", "_tcp", "Local")
            + [0x00, 0x00, 0x0C, 0x80, 0x01]))
        let question = try #require(message.questions.first)
        #expect(question.unicastResponse)
        #expect(question.recordClass == .internet)
        #expect(question.name == DNSSDServiceType.alfen)
        #expect(question.name.description == "_ALFEN._tcp.Local")
    }

    @Test func pointerToItselfIsALoop() {
        #expect(throws: DNSMessageError.pointerLoop(offset: 12, target: 12)) {
            try decoder.decode(bytes: query(questions: 1, [0xC0, 0x0C, 0x00, 0x0C, 0x00, 0x01]))
        }
    }

    @Test func pointerBackToTheStartOfItsOwnNameIsALoop() {
        // "a" then a pointer to the "a": backwards from the pointer, yet it would repeat forever.
        #expect(throws: DNSMessageError.pointerLoop(offset: 14, target: 12)) {
            try decoder.decode(bytes: query(questions: 1, [0x01, 0x61, 0xC0, 0x0C, 0x00, 0x0C, 0x00, 0x01]))
        }
    }

    @Test func twoNamesPointingAtEachOtherAreALoop() {
        // 12: "a" → 16, 16: "b" → 12.
        #expect(throws: DNSMessageError.pointerLoop(offset: 14, target: 16)) {
            try decoder.decode(bytes: query(questions: 1, [0x01, 0x61, 0xC0, 0x10, 0x01, 0x62, 0xC0, 0x0C]))
        }
    }

    @Test(arguments: [(0xC0, 0xFF, 255), (0xFF, 0xFF, 0x3FFF), (0xC0, 0x12, 18)])
    func pointerPastTheEndFailsCleanly(high: Int, low: Int, target: Int) {
        let bytes = query(questions: 1, [UInt8(high), UInt8(low), 0x00, 0x0C, 0x00, 0x01])
        #expect(throws: DNSMessageError.pointerOutOfBounds(offset: 12, target: target, messageLength: 18)) {
            try decoder.decode(bytes: bytes)
        }
    }

    @Test(arguments: [0x40, 0x7F, 0x80, 0xBF])
    func reservedLabelLengthsAreRejected(lengthByte: Int) {
        #expect(throws: DNSMessageError.labelTooLong(offset: 12, length: lengthByte)) {
            try decoder.decode(bytes: query(questions: 1, [UInt8(lengthByte)] + Array(repeating: 0x61, count: 200)))
        }
    }

    @Test func nameOver255BytesThroughPointersIsRejected() {
        let label: [UInt8] = [63] + Array(repeating: 0x78, count: 63)
        let first: [UInt8] = label + label + label + [0x00, 0x00, 0x01, 0x00, 0x01]
        let second: [UInt8] = label + [0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01]
        let bytes = query(questions: 2, first + second)
        #expect(throws: DNSMessageError.nameTooLong(offset: 12 + first.count, length: 257)) {
            try decoder.decode(bytes: bytes)
        }
        // The first name alone (193 bytes) is fine.
        #expect(throws: Never.self) { try decoder.decode(bytes: query(questions: 1, first)) }
    }

    @Test func shortHeaderIsTruncated() {
        #expect(throws: DNSMessageError.truncated(field: .header, offset: 0, needed: 12, remaining: 11)) {
            try decoder.decode(bytes: Array(repeating: 0, count: 11))
        }
    }

    @Test func hugeCountsWithoutBytesFailAtTheFirstMissingByte() {
        let bytes: [UInt8] = [0, 0, 0x84, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: DNSMessageError.truncated(field: .name, offset: 12, needed: 1, remaining: 0)) {
            try decoder.decode(bytes: bytes)
        }
    }

    @Test func everyPrefixOfAValidPacketIsTruncated() {
        for length in 0..<StationPacket.bytes.count {
            do {
                _ = try decoder.decode(bytes: StationPacket.bytes.prefix(length))
                Issue.record("prefix of \(length) bytes decoded")
            } catch {
                guard case .truncated = error else {
                    Issue.record("prefix of \(length) bytes: \(error)")
                    continue
                }
            }
        }
    }
}
