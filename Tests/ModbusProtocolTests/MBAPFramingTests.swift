import NIOCore
import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct MBAPFramingTests {
    /// Two back-to-back frames: a read request (transaction 1, unit 0x11) and an exception response.
    static let stream = "00 01 00 00 00 06 11 03 00 6B 00 03 " + "12 34 00 00 00 03 C8 83 02"

    @Test func encodesByteExact() throws {
        var out = ByteBuffer()
        let frame = MBAPFrame(transactionID: 1, unitID: 0x11, pdu: try ModbusRequest.readHoldingRegisters(
            address: 0x6B, quantity: 3).encoded())
        try MBAPFrameEncoder().encode(frame, into: &out)
        #expect(bytes(out) == hex("00 01 00 00 00 06 11 03 00 6B 00 03"))
    }

    @Test(arguments: Split.standard)
    func decodesInAnySplit(split: Split) throws {
        let result = feed(MBAPFrameDecoder(), hex(Self.stream), split)
        #expect(result.error == nil)
        #expect(result.leftover == 0)
        try #require(result.frames.count == 2)
        #expect(result.frames[0].transactionID == 1)
        #expect(result.frames[0].unitID == 0x11)
        #expect(try ModbusRequest(pdu: result.frames[0].pdu) == .readHoldingRegisters(address: 0x6B, quantity: 3))
        #expect(result.frames[1].transactionID == 0x1234)
        #expect(result.frames[1].unitID == 200)
        #expect(try ModbusResponse(pdu: result.frames[1].pdu) == .exception(function: .readHoldingRegisters,
            code: .illegalDataAddress))
    }

    @Test func waitsForTheWholeFrame() throws {
        let wire = hex("00 07 00 00 00 06 01 04 00 00 00 02")
        var decoder = MBAPFrameDecoder()
        for count in 0..<wire.count {
            var partial = ByteBuffer(bytes: wire.prefix(count))
            #expect(try decoder.decode(&partial) == nil)
            #expect(partial.readableBytes == count, "nothing is consumed before the frame is complete")
        }
    }

    /// Hostile headers are refused as soon as the offending field has arrived, and every split agrees.
    @Test(arguments: [
        ("00 01 00 01 00 06 11 03 00 6B 00 03", ModbusFrameError.mbapProtocolID(1, transactionID: 1)),
        ("AB CD FF FF", .mbapProtocolID(0xFFFF, transactionID: 0xABCD)),
        ("00 02 00 00 00 00", .mbapLength(0, transactionID: 2)),
        ("00 02 00 00 00 01 11", .mbapLength(1, transactionID: 2)),
        ("00 02 00 00 00 FF 11 03", .mbapLength(255, transactionID: 2)),
        ("00 02 00 00 FF FF", .mbapLength(0xFFFF, transactionID: 2)),
        ("00 01 00 00 00 03 01 83 02 00 09 00 00 00 00", .mbapLength(0, transactionID: 9)),
    ])
    func hostileHeaders(wire: String, error: ModbusFrameError) {
        for split in Split.standard {
            let result = feed(MBAPFrameDecoder(), hex(wire), split)
            #expect(result.error == error, "\(split)")
        }
    }

    @Test func lengthLimitsAreInclusive() throws {
        let smallest = feed(MBAPFrameDecoder(), hex("00 01 00 00 00 02 05 2B"), .allAtOnce)
        #expect(smallest.frames.map { bytes($0.pdu) } == [[0x2B]])
        let largest = hex("00 01 00 00 00 FE 05") + [0x03, 0xFA] + Array(repeating: 0xAA, count: 251)
        let result = feed(MBAPFrameDecoder(), largest, .byteByByte)
        #expect(result.frames.first?.pdu.readableBytes == 253)
    }

    @Test func encoderRefusesEmptyAndOversizePDUs() {
        var out = ByteBuffer()
        #expect(throws: ModbusFrameError.pduSize(0)) {
            try MBAPFrameEncoder().encode(MBAPFrame(transactionID: 0, unitID: 1, pdu: ByteBuffer()), into: &out)
        }
        let big = ByteBuffer(bytes: Array(repeating: 3, count: 254))
        #expect(throws: ModbusFrameError.pduSize(254)) {
            try MBAPFrameEncoder().encode(MBAPFrame(transactionID: 0, unitID: 1, pdu: big), into: &out)
        }
        #expect(out.readableBytes == 0)
    }

    /// Thousands of random frames, concatenated and fed in random splits, come back identical.
    @Test func randomFramesRoundTrip() throws {
        var rng = SplitMix64(seed: 502)
        var frames: [MBAPFrame] = []
        var wire = ByteBuffer()
        for _ in 0..<3000 {
            // Mostly short PDUs, as on a real link, and every tenth one up to the 253-byte limit.
            let size = Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 1...253, using: &rng)
                : Int.random(in: 1...20, using: &rng)
            let pdu = ByteBuffer(bytes: rng.bytes(size))
            let frame = MBAPFrame(transactionID: .random(in: .min ... .max, using: &rng),
                unitID: .random(in: .min ... .max, using: &rng), pdu: pdu)
            try MBAPFrameEncoder().encode(frame, into: &wire)
            frames.append(frame)
        }
        for seed: UInt64 in [1, 2, 3] {
            let result = feed(MBAPFrameDecoder(), bytes(wire), .random(seed: seed))
            #expect(result.error == nil)
            #expect(result.frames == frames)
        }
    }

    /// Garbage never crashes: the decoder yields frames that re-encode to exactly the bytes it consumed, and
    /// then either waits for more or throws a typed error.
    @Test func garbageNeverCrashes() throws {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<5000 {
            var data = rng.bytes(.random(in: 0...40, using: &rng))
            if data.count > 5, Bool.random(using: &rng) {
                data[2] = 0; data[3] = 0; data[4] = 0; data[5] = UInt8.random(in: 0...40, using: &rng)
            }
            let result = feed(MBAPFrameDecoder(), data, .random(seed: rng.next()))
            var reencoded = ByteBuffer()
            for frame in result.frames { try MBAPFrameEncoder().encode(frame, into: &reencoded) }
            #expect(bytes(reencoded) + data.suffix(result.leftover) == data)
        }
    }
}
