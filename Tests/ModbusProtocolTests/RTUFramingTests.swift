import NIOCore
import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct RTUFramingTests {
    static func frame(_ unitID: UInt8, _ pdu: String) throws -> [UInt8] { try frame(unitID, buffer(pdu)) }

    static func frame(_ unitID: UInt8, _ pdu: ByteBuffer) throws -> [UInt8] {
        var out = ByteBuffer()
        try RTUFrameEncoder().encode(RTUFrame(unitID: unitID, pdu: pdu), into: &out)
        return bytes(out)
    }

    @Test func encodesWithLittleEndianCRC() throws {
        #expect(try Self.frame(1, "03 00 00 00 0A") == hex("01 03 00 00 00 0A C5 CD"))
        #expect(try Self.frame(0x11, "03 00 6B 00 03") == hex("11 03 00 6B 00 03 76 87"))
    }

    /// Requests of every supported code, back to back, as a server reads them.
    static let requestStream = "01 03 00 00 00 0A C5 CD " + "11 03 00 6B 00 03 76 87"

    @Test(arguments: Split.standard)
    func requestsInAnySplit(split: Split) throws {
        let fc16 = try Self.frame(5, "10 00 01 00 02 04 00 0A 01 02")
        let fc6 = try Self.frame(5, "06 04 BF 00 03")
        let fc4 = try Self.frame(200, "04 00 08 00 01")
        let result = feed(RTUFrameDecoder(mode: .request), hex(Self.requestStream) + fc16 + fc6 + fc4, split)
        #expect(result.error == nil)
        #expect(result.leftover == 0)
        let requests = try result.frames.map { try ModbusRequest(pdu: $0.pdu) }
        #expect(requests == [
            .readHoldingRegisters(address: 0, quantity: 10), .readHoldingRegisters(address: 0x6B, quantity: 3),
            .writeMultipleRegisters(address: 1, values: [0x0A, 0x0102]), .writeSingleRegister(address: 1215, value: 3),
            .readInputRegisters(address: 8, quantity: 1),
        ])
        #expect(result.frames.map(\.unitID) == [1, 0x11, 5, 5, 200])
    }

    @Test(arguments: Split.standard)
    func responsesInAnySplit(split: Split) throws {
        let read = try Self.frame(1, "03 06 02 2B 00 00 00 64")
        let readResult = feed(RTUFrameDecoder(mode: .response(to: .readHoldingRegisters)), read, split)
        #expect(readResult.frames.map { bytes($0.pdu) } == [hex("03 06 02 2B 00 00 00 64")])
        let exception = try Self.frame(1, "83 02")
        let exceptionResult = feed(
            RTUFrameDecoder(expectingResponseTo: .readHoldingRegisters(address: 0, quantity: 3)), exception, split)
        #expect(exceptionResult.frames.map { bytes($0.pdu) } == [hex("83 02")])
        for (function, pdu) in [(FunctionCode.writeSingleRegister, "06 00 01 00 03"), (.writeMultipleRegisters, "10 00 01 00 02")] {
            let echo = feed(RTUFrameDecoder(mode: .response(to: function)), try Self.frame(9, pdu), split)
            #expect(echo.frames.map { bytes($0.pdu) } == [hex(pdu)])
        }
    }

    @Test func hostileFrames() throws {
        var corrupted = hex("01 03 00 00 00 0A C5 CD")
        corrupted[3] ^= 0x01
        for split in Split.standard {
            #expect(feed(RTUFrameDecoder(mode: .request), corrupted, split).error
                == .crcMismatch(unitID: 1, computed: CRC16.modbus(corrupted.prefix(6)), received: 0xCDC5))
            #expect(feed(RTUFrameDecoder(mode: .request), hex("01 2B 0E 01 00"), split).error
                == .rtuUndeterminableLength(FunctionCode(rawValue: 0x2B)))
            #expect(feed(RTUFrameDecoder(mode: .response(to: .readInputRegisters)), hex("01 03 02 00 00"), split).error
                == .rtuUnexpectedFunction(expected: .readInputRegisters, received: .readHoldingRegisters))
            #expect(feed(RTUFrameDecoder(mode: .response(to: .readInputRegisters)), hex("01 83 02 00 00"), split).error
                == .rtuUnexpectedFunction(expected: .readInputRegisters, received: FunctionCode(rawValue: 0x83)))
            // A byte count of 0xFF would make a 264- and a 260-byte frame: longer than RTU allows.
            #expect(feed(RTUFrameDecoder(mode: .request), hex("01 10 00 00 00 7F FF"), split).error
                == .rtuFrameTooLong(function: .writeMultipleRegisters, length: 264))
            #expect(feed(RTUFrameDecoder(mode: .response(to: .readHoldingRegisters)), hex("01 03 FF"), split).error
                == .rtuFrameTooLong(function: .readHoldingRegisters, length: 260))
        }
        #expect(throws: ModbusFrameError.pduSize(0)) { try Self.frame(1, "") }
    }

    @Test func largestFramesFit() throws {
        let request = try ModbusRequest.writeMultipleRegisters(address: 0, values: Array(0..<123)).encoded()
        let requestFrame = try Self.frame(1, request)
        #expect(requestFrame.count == 255)
        #expect(feed(RTUFrameDecoder(mode: .request), requestFrame, .byteByByte).frames.count == 1)
        let response = try ModbusResponse.readInputRegisters(Array(0..<125)).encoded()
        let responseFrame = try Self.frame(1, response)
        #expect(responseFrame.count == 255)
        #expect(feed(RTUFrameDecoder(mode: .response(to: .readInputRegisters)), responseFrame, .byteByByte).frames.count == 1)
    }

    @Test func randomRequestsAndResponsesRoundTrip() throws {
        var rng = SplitMix64(seed: 485)
        var requestWire = ByteBuffer()
        var requests: [RTUFrame] = []
        for _ in 0..<2000 {
            let frame = RTUFrame(unitID: .random(in: 1...247, using: &rng),
                pdu: try PDUPropertyTests.randomRequest(&rng).encoded())
            try RTUFrameEncoder().encode(frame, into: &requestWire)
            requests.append(frame)
        }
        let decoded = feed(RTUFrameDecoder(mode: .request), bytes(requestWire), .random(seed: 7))
        #expect(decoded.error == nil)
        #expect(decoded.frames == requests)
        for _ in 0..<2000 {
            let request = PDUPropertyTests.randomRequest(&rng)
            let response = PDUPropertyTests.randomResponse(&rng)
            let answer: ModbusResponse = response.functionCode == request.functionCode ? response
                : .exception(function: request.functionCode, code: .serverDeviceBusy)
            var wire = ByteBuffer()
            let frame = RTUFrame(unitID: 1, pdu: try answer.encoded())
            try RTUFrameEncoder().encode(frame, into: &wire)
            let result = feed(RTUFrameDecoder(expectingResponseTo: request), bytes(wire), .random(seed: rng.next()))
            #expect(result.frames == [frame])
        }
    }

    /// Garbage never crashes either mode; decoded frames re-encode to the consumed bytes.
    @Test func garbageNeverCrashes() throws {
        var rng = SplitMix64(seed: 10)
        let modes: [RTUFrameDecoder.Mode] = [.request] + FunctionCode.supported.map { .response(to: $0) }
        for _ in 0..<5000 {
            var data = rng.bytes(.random(in: 0...30, using: &rng))
            if data.count > 8, Bool.random(using: &rng) {
                data[1] = [0x03, 0x04, 0x06][.random(in: 0..<3, using: &rng)]
                let crc = CRC16.modbus(data.prefix(6))
                data[6] = UInt8(truncatingIfNeeded: crc); data[7] = UInt8(crc >> 8)
            }
            for mode in modes {
                let result = feed(RTUFrameDecoder(mode: mode), data, .random(seed: rng.next()))
                var reencoded = ByteBuffer()
                for frame in result.frames { try RTUFrameEncoder().encode(frame, into: &reencoded) }
                #expect(bytes(reencoded) + data.suffix(result.leftover) == data)
            }
        }
    }
}
