import ChargeIO
import ChargeTestSupport
import ModbusProtocol
import Testing

/// Each fault of the fault-injecting server ends in a clear, typed error within the timeout: never a hang.
@Suite struct ModbusFaultTests {
    // Generous: the faults below are seconds apart from it, so a loaded two-core runner cannot blur them.
    static let timeout = 2.0

    static func run(_ fault: ModbusFault, unknownUnits: RegisterBankResponder.UnknownUnitPolicy = .silent, unit: UInt8 = 1)
        async throws -> Result<[UInt16], ModbusClientError>
    {
        var bank = RegisterBank()
        try bank.store([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], at: 0, in: .holding, unit: 1)
        let responder = FaultyModbusResponder(bank: bank, fault: fault, unknownUnits: unknownUnits)
        return try await ModbusTCPServer.serve(responder: responder) { port in
            let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port), options: .init(timeout: timeout, connectAttempts: 1))
            defer { client.close() }
            let result: Result<[UInt16], ModbusClientError>
            do throws(ModbusClientError) { result = .success(try await client.readRegisters(.holding, address: 0, count: 10, unit: unit)) } catch {
                result = .failure(error)
            }
            return result
        }
    }

    @Test func wrongTransactionIDIsDiscardedAndTimesOut() async throws {
        guard case .failure(.timeout(1, .readHoldingRegisters, _, 0, let discarded)) = try await Self.run(.wrongTransactionID) else {
            Issue.record("expected a timeout"); return
        }
        #expect(discarded == [0x1001])
    }

    @Test(arguments: ModbusExceptionCode.named)
    func everyExceptionCodeIsNamed(code: ModbusExceptionCode) async throws {
        let result = try await Self.run(.exception(code))
        #expect(result == .failure(.exception(unit: 1, function: .readHoldingRegisters, code: code)))
    }

    @Test func halfAFrameThenSilenceTimesOutWithTheByteCount() async throws {
        guard case .failure(.timeout(_, _, _, let received, _)) = try await Self.run(.halfFrameThenSilence) else {
            Issue.record("expected a timeout"); return
        }
        #expect(received == 14)  // half of 7 + 2 + 20 = 29 bytes
    }

    @Test func fastTrickleStillArrivesAndSlowTrickleTimesOut() async throws {
        #expect(try await Self.run(.trickle(interval: .milliseconds(2))) == .success([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
        guard case .failure(.timeout(_, _, _, let received, _)) = try await Self.run(.trickle(interval: .milliseconds(300))) else {
            Issue.record("expected a timeout"); return
        }
        #expect(received > 0 && received < 29)
    }

    @Test func connectionResetIsConnectionLost() async throws {
        let result = try await Self.run(.reset)
        guard case .failure(.connectionLost) = result else { Issue.record("expected connectionLost, got \(result)"); return }
    }

    /// SPEC §1: silence from an absent unit times out; a gateway says 0x0B. The two are different errors.
    @Test func absentUnitTimesOutButAGatewayAnswers0x0B() async throws {
        guard case .failure(.timeout(9, _, _, 0, [])) = try await Self.run(.none, unit: 9) else { Issue.record("expected a timeout"); return }
        #expect(try await Self.run(.none, unknownUnits: .gatewayException, unit: 9)
                == .failure(.exception(unit: 9, function: .readHoldingRegisters, code: .gatewayTargetDeviceFailedToRespond)))
    }
}
