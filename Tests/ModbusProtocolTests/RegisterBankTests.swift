import NIOCore
import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct RegisterBankTests {
    /// Unit 200 holds 100...103 (holding) and 300...301 (input); unit 1 exists with no registers.
    static func bank() throws -> RegisterBank {
        var bank = RegisterBank()
        try bank.store([10, 11, 12, 13], at: 100, in: .holding, unit: 200)
        try bank.store([0x47F1, 0x2000], at: 300, in: .input, unit: 200)
        bank.addUnit(1)
        return bank
    }

    static func exception(_ function: FunctionCode, _ code: ModbusExceptionCode) -> RegisterBankReply {
        .respond(.exception(function: function, code: code))
    }

    @Test(arguments: [
        (ModbusRequest.readHoldingRegisters(address: 100, quantity: 4), RegisterBankReply.respond(.readHoldingRegisters([10, 11, 12, 13]))),
        (.readHoldingRegisters(address: 101, quantity: 2), .respond(.readHoldingRegisters([11, 12]))),
        (.readInputRegisters(address: 300, quantity: 2), .respond(.readInputRegisters([0x47F1, 0x2000]))),
        (.readHoldingRegisters(address: 100, quantity: 5), exception(.readHoldingRegisters, .illegalDataAddress)),
        (.readHoldingRegisters(address: 99, quantity: 1), exception(.readHoldingRegisters, .illegalDataAddress)),
        (.readInputRegisters(address: 100, quantity: 1), exception(.readInputRegisters, .illegalDataAddress)),
        (.readHoldingRegisters(address: 300, quantity: 1), exception(.readHoldingRegisters, .illegalDataAddress)),
        (.readHoldingRegisters(address: 0xFFFF, quantity: 2), exception(.readHoldingRegisters, .illegalDataAddress)),
        (.readHoldingRegisters(address: 100, quantity: 0), exception(.readHoldingRegisters, .illegalDataValue)),
        (.readInputRegisters(address: 300, quantity: 126), exception(.readInputRegisters, .illegalDataValue)),
        (.writeSingleRegister(address: 102, value: 99), .respond(.writeSingleRegister(address: 102, value: 99))),
        (.writeSingleRegister(address: 300, value: 1), exception(.writeSingleRegister, .illegalDataAddress)),
        (.writeMultipleRegisters(address: 101, values: [7, 8, 9]), .respond(.writeMultipleRegisters(address: 101, quantity: 3))),
        (.writeMultipleRegisters(address: 102, values: [7, 8, 9]), exception(.writeMultipleRegisters, .illegalDataAddress)),
        (.writeMultipleRegisters(address: 0xFFFF, values: [1, 2]), exception(.writeMultipleRegisters, .illegalDataAddress)),
        (.writeMultipleRegisters(address: 100, values: Array(repeating: 0, count: 124)), exception(.writeMultipleRegisters, .illegalDataValue)),
    ])
    func answersRequests(request: ModbusRequest, reply: RegisterBankReply) throws {
        var bank = try Self.bank()
        #expect(bank.handle(request, unit: 200) == reply)
    }

    @Test func writesUpdateHoldingRegistersAndFailedWritesChangeNothing() throws {
        var bank = try Self.bank()
        _ = bank.handle(.writeSingleRegister(address: 100, value: 0xBEEF), unit: 200)
        _ = bank.handle(.writeMultipleRegisters(address: 102, values: [1, 2]), unit: 200)
        #expect(bank.read(100, count: 4, in: .holding, unit: 200) == [0xBEEF, 11, 1, 2])
        let before = bank
        _ = bank.handle(.writeMultipleRegisters(address: 102, values: [5, 5, 5]), unit: 200)
        _ = bank.handle(.writeSingleRegister(address: 104, value: 5), unit: 200)
        #expect(bank == before, "a refused write is all-or-nothing")
        #expect(bank.handle(.readHoldingRegisters(address: 100, quantity: 4), unit: 200)
            == .respond(.readHoldingRegisters([0xBEEF, 11, 1, 2])))
    }

    @Test func unknownUnitLetsTheTransportChoose() throws {
        var bank = try Self.bank()
        let reply = bank.handle(.readHoldingRegisters(address: 100, quantity: 1), unit: 7)
        #expect(reply == .unknownUnit(7, function: .readHoldingRegisters))
        #expect(reply.gatewayResponse == .exception(function: .readHoldingRegisters,
            code: .gatewayTargetDeviceFailedToRespond))
        #expect(bytes(try #require(reply.gatewayResponse).encoded()) == [0x83, 0x0B])
        #expect(bank.handle(pdu: buffer("2B 0E 01 00"), unit: 7) == .unknownUnit(7, function: FunctionCode(rawValue: 0x2B)))
        #expect(RegisterBankReply.respond(.readHoldingRegisters([1])).gatewayResponse == nil)
        #expect(bank.handle(.readHoldingRegisters(address: 0, quantity: 1), unit: 1)
            == Self.exception(.readHoldingRegisters, .illegalDataAddress), "a known unit with no registers")
    }

    /// Raw PDUs: what a server receives, including codes and shapes it cannot decode.
    @Test(arguments: [
        ("03 00 64 00 02", RegisterBankReply.respond(.readHoldingRegisters([10, 11]))),
        ("01 00 00 00 01", exception(FunctionCode(rawValue: 0x01), .illegalFunction)),
        ("2B 0E 01 00", exception(FunctionCode(rawValue: 0x2B), .illegalFunction)),
        ("03 00 64 00 00", exception(.readHoldingRegisters, .illegalDataValue)),
        ("03 00 64 00", exception(.readHoldingRegisters, .illegalDataValue)),
        ("10 00 64 00 02 02 00 01", exception(.writeMultipleRegisters, .illegalDataValue)),
        ("10 00 64 00 01 02 00 2A", .respond(.writeMultipleRegisters(address: 100, quantity: 1))),
        ("", .unanswerable(.empty)),
    ])
    func answersRawPDUs(wire: String, reply: RegisterBankReply) throws {
        var bank = try Self.bank()
        #expect(bank.handle(pdu: buffer(wire), unit: 200) == reply)
    }

    /// The whole server path a TCP transport runs: MBAP bytes in, MBAP bytes out.
    @Test func servesAnMBAPExchange() throws {
        var bank = try Self.bank()
        var inbound = buffer("00 2A 00 00 00 06 C8 04 01 2C 00 02")
        var decoder = MBAPFrameDecoder()
        let frame = try #require(try decoder.decode(&inbound))
        guard case .respond(let response) = bank.handle(pdu: frame.pdu, unit: frame.unitID) else {
            Issue.record("no response"); return
        }
        var outbound = ByteBuffer()
        try MBAPFrameEncoder().encode(MBAPFrame(transactionID: frame.transactionID, unitID: frame.unitID,
            pdu: try response.encoded()), into: &outbound)
        #expect(bytes(outbound) == hex("00 2A 00 00 00 07 C8 04 04 47 F1 20 00"))
    }

    @Test func storageEdges() throws {
        var bank = RegisterBank()
        #expect(throws: RegisterBankError.beyondAddressSpace(address: 0xFFFF, count: 2)) {
            try bank.store([1, 2], at: 0xFFFF, in: .holding, unit: 1)
        }
        try bank.store([9], at: 0xFFFF, in: .input, unit: 1)
        bank.store([5: 50, 6: 60], in: .holding, unit: 2)
        #expect(bank.unitIDs == [1, 2])
        #expect(bank.register(0xFFFF, in: .input, unit: 1) == 9)
        #expect(bank.registers(in: .holding, unit: 2) == [5: 50, 6: 60])
        #expect(bank.read(5, count: 2, in: .holding, unit: 2) == [50, 60])
        #expect(bank.read(5, count: -1, in: .holding, unit: 2) == nil)
        bank.removeUnit(2)
        #expect(bank.unitIDs == [1])
    }

    /// Random PDUs against a populated bank never crash, and every reply is encodable.
    @Test func randomPDUsAlwaysGetAnEncodableReply() throws {
        var rng = SplitMix64(seed: 1)
        var bank = RegisterBank()
        try bank.store(rng.registers(200), at: 0xFF80 - 100, in: .holding, unit: 1)
        try bank.store(rng.registers(128), at: 0xFF80, in: .input, unit: 1)
        for _ in 0..<10000 {
            var data = rng.bytes(.random(in: 0...14, using: &rng))
            if data.count >= 5, Bool.random(using: &rng) {
                data[0] = [0x03, 0x04, 0x06, 0x10][.random(in: 0..<4, using: &rng)]
                data[1] = 0xFF
            }
            switch bank.handle(pdu: ByteBuffer(bytes: data), unit: 1) {
            case .respond(let response): _ = try response.encoded()
            case .unanswerable: #expect(data.isEmpty)
            case .unknownUnit: Issue.record("unit 1 exists")
            }
        }
    }
}
