import NIOCore
import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct PDUPropertyTests {
    static func randomRequest(_ rng: inout SplitMix64) -> ModbusRequest {
        let address = UInt16.random(in: .min ... .max, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .readHoldingRegisters(address: address, quantity: .random(in: 1...125, using: &rng))
        case 1: return .readInputRegisters(address: address, quantity: .random(in: 1...125, using: &rng))
        case 2: return .writeSingleRegister(address: address, value: .random(in: .min ... .max, using: &rng))
        default: return .writeMultipleRegisters(address: address, values: rng.registers(.random(in: 1...123, using: &rng)))
        }
    }

    static func randomResponse(_ rng: inout SplitMix64) -> ModbusResponse {
        let address = UInt16.random(in: .min ... .max, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .readHoldingRegisters(rng.registers(.random(in: 1...125, using: &rng)))
        case 1: return .readInputRegisters(rng.registers(.random(in: 1...125, using: &rng)))
        case 2: return .writeSingleRegister(address: address, value: .random(in: .min ... .max, using: &rng))
        case 3: return .writeMultipleRegisters(address: address, quantity: .random(in: 1...123, using: &rng))
        default:
            return .exception(function: FunctionCode(rawValue: .random(in: 0...0x7F, using: &rng)),
                code: ModbusExceptionCode(code: .random(in: .min ... .max, using: &rng)))
        }
    }

    @Test func requestsRoundTrip() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<3000 {
            let request = Self.randomRequest(&rng)
            #expect(try ModbusRequest(pdu: request.encoded()) == request)
        }
    }

    @Test func responsesRoundTrip() throws {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<3000 {
            let response = Self.randomResponse(&rng)
            #expect(try ModbusResponse(pdu: response.encoded()) == response)
        }
    }

    /// Garbage never crashes a PDU decoder; whatever decodes re-encodes to the very same bytes (the decoders
    /// accept only canonical PDUs).
    @Test func garbageDecodesCanonicallyOrThrows() throws {
        var rng = SplitMix64(seed: 5)
        var decoded = 0
        for _ in 0..<20000 {
            var data = rng.bytes(.random(in: 0...12, using: &rng))
            if !data.isEmpty, Bool.random(using: &rng) {
                data[0] = [0x03, 0x04, 0x06, 0x10, 0x83][.random(in: 0..<5, using: &rng)]
            }
            let pdu = ByteBuffer(bytes: data)
            if let request = try? ModbusRequest(pdu: pdu) {
                decoded += 1
                #expect(bytes(try request.encoded()) == data)
            }
            if let response = try? ModbusResponse(pdu: pdu) {
                decoded += 1
                #expect(bytes(try response.encoded()) == data)
            }
        }
        #expect(decoded > 500)
    }

    @Test func responsesMatchTheirRequests() throws {
        let read = ModbusRequest.readHoldingRegisters(address: 300, quantity: 2)
        try read.validate(.readHoldingRegisters([1, 2]))
        try read.validate(.exception(function: .readHoldingRegisters, code: .illegalDataAddress))
        #expect(throws: ModbusPDUError.unexpectedRegisterCount(expected: 2, received: 1)) {
            try read.validate(.readHoldingRegisters([1]))
        }
        #expect(throws: ModbusPDUError.unexpectedFunction(expected: .readHoldingRegisters, received: .readInputRegisters)) {
            try read.validate(.readInputRegisters([1, 2]))
        }
        #expect(throws: ModbusPDUError.unexpectedFunction(expected: .readHoldingRegisters,
            received: FunctionCode(rawValue: 0x84))) {
            try read.validate(.exception(function: .readInputRegisters, code: .illegalDataAddress))
        }
        let write = ModbusRequest.writeSingleRegister(address: 1215, value: 3)
        try write.validate(.writeSingleRegister(address: 1215, value: 3))
        #expect(throws: ModbusPDUError.unexpectedEcho(expectedAddress: 1215, expectedValue: 3, receivedAddress: 1215,
            receivedValue: 1)) { try write.validate(.writeSingleRegister(address: 1215, value: 1)) }
        let writeMany = ModbusRequest.writeMultipleRegisters(address: 1210, values: [1, 2])
        try writeMany.validate(.writeMultipleRegisters(address: 1210, quantity: 2))
        #expect(throws: ModbusPDUError.unexpectedEcho(expectedAddress: 1210, expectedValue: 2, receivedAddress: 1211,
            receivedValue: 2)) { try writeMany.validate(.writeMultipleRegisters(address: 1211, quantity: 2)) }
    }
}
