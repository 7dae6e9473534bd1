import ChargeIO
import ChargeTestSupport
import ModbusProtocol
import Testing

/// Our client against our server on 127.0.0.1, port 0.
@Suite struct ModbusTransportTests {
    static func bank(unit: UInt8 = 1, count: Int = 300) throws -> RegisterBank {
        var bank = RegisterBank()
        try bank.store((0..<count).map { UInt16($0 * 10) }, at: 0, in: .holding, unit: unit)
        try bank.store([0x4366, 0x1999], at: 0, in: .input, unit: unit)
        return bank
    }

    @Test func readsAndWritesOverModbusTCP() async throws {
        let responder = RegisterBankResponder(bank: try Self.bank())
        try await ModbusTCPServer.serve(responder: responder) { port async throws in
            let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port), options: .init(timeout: 2))
            defer { client.close() }
            #expect(try await client.send(.readHoldingRegisters(address: 10, quantity: 3), unit: 1) == .readHoldingRegisters([100, 110, 120]))
            #expect(try await client.send(.writeSingleRegister(address: 5, value: 7), unit: 1) == .writeSingleRegister(address: 5, value: 7))
            #expect(try await client.send(.writeMultipleRegisters(address: 6, values: [8, 9]), unit: 1)
                    == .writeMultipleRegisters(address: 6, quantity: 2))
            #expect(try await client.readRegisters(.holding, address: 5, count: 3, unit: 1) == [7, 8, 9])
            #expect(try await client.send(.readInputRegisters(address: 0, quantity: 2), unit: 1) == .readInputRegisters([0x4366, 0x1999]))
        }
    }

    /// 300 registers take three reads of at most 125 (Modbus Application Protocol 1.1b3 §6.3).
    @Test func longReadsAreSplitInto125RegisterRequests() async throws {
        let responder = RegisterBankResponder(bank: try Self.bank())
        try await ModbusTCPServer.serve(responder: responder) { port async throws in
            let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port))
            defer { client.close() }
            let registers = try await client.readRegisters(.holding, address: 0, count: 300, unit: 1)
            #expect(registers == (0..<300).map { UInt16($0 * 10) })
            await #expect(throws: ModbusClientError.invalidRequest(.quantityOutOfRange(function: .readHoldingRegisters, quantity: 126, allowed: 1...125))) {
                _ = try await client.send(.readHoldingRegisters(address: 0, quantity: 126), unit: 1)
            }
        }
    }

    @Test func rtuFramesOverTCP() async throws {
        let responder = RegisterBankResponder(bank: try Self.bank(unit: 7))
        try await ModbusTCPServer.serve(framing: .rtu, responder: responder) { port async throws in
            let client = ModbusClient(endpoint: .rtuOverTCP(host: "127.0.0.1", port: port), options: .init(timeout: 2))
            defer { client.close() }
            #expect(try await client.readRegisters(.holding, address: 1, count: 4, unit: 7) == [10, 20, 30, 40])
        }
    }

    /// A server that dropped an idle connection: the next request reconnects once and succeeds.
    @Test func reconnectsAfterTheServerDropsTheConnection() async throws {
        let responder = FaultyModbusResponder(bank: try Self.bank())
        try await ModbusTCPServer.serve(responder: responder) { port async throws in
            let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port), options: .init(timeout: 1))
            defer { client.close() }
            #expect(try await client.readRegisters(.holding, address: 1, count: 1, unit: 1) == [10])
            responder.fault = .reset
            await #expect(throws: ModbusClientError.self) { _ = try await client.readRegisters(.holding, address: 1, count: 1, unit: 1) }
            responder.fault = .none
            #expect(try await client.readRegisters(.holding, address: 2, count: 1, unit: 1) == [20])
        }
    }

    @Test func refusedConnectionGivesUpAfterBoundedAttempts() async throws {
        let port = try await ModbusTCPServer.serve(responder: RegisterBankResponder(bank: RegisterBank())) { $0 }
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port), options: .init(timeout: 0.5, connectAttempts: 3, backoff: 0.01))
        do {
            _ = try await client.send(.readHoldingRegisters(address: 0, quantity: 1), unit: 1)
            Issue.record("expected a failure")
        } catch {
            guard case .unreachable = error else { Issue.record("unexpected \(error)"); return }
        }
    }
}
