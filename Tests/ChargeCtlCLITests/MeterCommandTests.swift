import Foundation
import ChargeCtlCLI
import ChargeIO
import ChargeTestSupport
import ModbusProtocol
import Testing

/// `meter test` and `meter presets` in-process, against our Modbus server on 127.0.0.1.
@Suite struct MeterCommandTests {
    static let values: [MeterQuantity: Double?] = [
        .voltageL1: 230.1, .voltageL2: 231.0, .voltageL3: 229.5, .currentL1: 10.5, .currentL2: 8.25, .currentL3: 0.5,
        .activePowerL1: 2400, .activePowerL2: 1890, .activePowerL3: 110, .totalActivePower: 4400,
        .frequency: 50.02, .importEnergy: 12345.67,
    ]

    static func meter(_ name: String, _ changes: [MeterQuantity: Double?] = [:], identity: [UInt16]? = nil) throws -> RegisterBank {
        let entry = try MeterPresetCatalog.builtIn().entry(named: name)
        var bank = RegisterBank()
        let unit = entry.preset.defaultUnitID
        // A real meter answers every register of a block, mapped or not.
        for read in entry.readPlan {
            try bank.store(Array(repeating: 0, count: Int(read.quantity)), at: read.address, in: read.table, unit: unit)
        }
        bank.store(try entry.preset.encode(values.merging(changes) { _, new in new }), in: entry.preset.table, unit: unit)
        if let identification = entry.identification, let identity {
            try bank.store(identity, at: identification.address, in: identification.table, unit: unit)
        }
        return bank
    }

    static func run(_ bank: RegisterBank, fault: ModbusFault = .none, _ arguments: @escaping @Sendable (Int) -> [String])
        async throws -> (status: ChargeCtlCLI.ExitStatus, stdout: String, stderr: String)
    {
        let responder = FaultyModbusResponder(bank: bank, fault: fault)
        return try await ModbusTCPServer.serve(responder: responder) { port async throws in
            let result = try await TestCLI.run(arguments(port))
            return (result.status, result.console.stdout, result.console.stderr)
        }
    }

    @Test func countisE27ReadingsInJSON() async throws {
        let bank = try Self.meter("socomec-countis-e27", identity: [0x53, 0x4F, 0x43, 0x4F])
        let run = try await Self.run(bank) { ["meter", "test", "127.0.0.1:\($0)", "--preset", "socomec-countis-e27", "--json"] }
        #expect(run.status == .success)
        let document = try TestCLI.json(run.stdout)
        #expect(document["ok"] as? Bool == true)
        let readings = try #require(document["readings"] as? [String: Any])
        #expect(readings["voltage"] as? [String: Double] == ["L1": 230.1, "L2": 231, "L3": 229.5])
        #expect(readings["current"] as? [String: Double] == ["L1": 10.5, "L2": 8.25, "L3": 0.5])
        #expect(readings["totalPower"] as? Double == 4400)
        #expect(readings["frequency"] as? Double == 50.02)
        #expect(readings["importEnergy"] as? Double == 12345.67)
        let codes = (document["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["meter.model", "meter.plausible"])
        #expect((document["meter"] as? [String: Any])?["unit"] as? Int == 5)
    }

    @Test func implausibleValuesExit1WithFindings() async throws {
        let bank = try Self.meter("eastron-sdm630", [.voltageL2: 262, .frequency: 48], identity: [0x0070])
        let run = try await Self.run(bank) { ["meter", "test", "127.0.0.1", "--port", "\($0)", "--preset", "eastron-sdm630"] }
        #expect(run.status == .checkFailed)
        #expect(run.stdout.contains("L2 voltage is 262 V, outside 207–253 V"))
        #expect(run.stdout.contains("frequency is 48 Hz, outside 49.5–50.5 Hz"))
        #expect(run.stdout.contains("Voltage"))
    }

    /// Issue 14: a register reading ±Inf fails the test in the JSON as in the text (`meter.value.absurd`, exit 1),
    /// with the reading null: JSON has no infinity, and `internal.unexpected` would hide the finding.
    @Test(arguments: [Double.infinity, -Double.infinity])
    func infiniteReadingIsAFailingFindingInJSON(_ value: Double) async throws {
        let bank = try Self.meter("eastron-sdm630", [.currentL2: value], identity: [0x0070])
        let json = try await Self.run(bank) { ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm630", "--json"] }
        #expect(json.status == .checkFailed)
        let document = try TestCLI.json(json.stdout)
        #expect(document["ok"] as? Bool == false)
        let current = try #require((document["readings"] as? [String: Any])?["current"] as? [String: Any])
        #expect(current["L2"] is NSNull)
        #expect(current["L1"] as? Double == 10.5)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["code"] as? String == "meter.value.absurd" && $0["severity"] as? String == "fail" })

        let text = try await Self.run(bank) { ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm630"] }
        #expect(text.status == .checkFailed)
        #expect(text.stdout.contains("L2 current reads \(value)"))
    }

    /// Eastron 0xFC02 = 0x0089 is a V2: the v1 preset is the wrong one, and the hint names the right one.
    @Test func wrongModelIsFoundAndTheRightPresetNamed() async throws {
        let bank = try Self.meter("eastron-sdm72d-m", identity: [0x0089])
        let run = try await Self.run(bank) { ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm72d-m", "--json"] }
        #expect(run.status == .checkFailed)
        #expect(run.stdout.contains("meter.model.mismatch"))
        #expect(run.stdout.contains("use --preset eastron-sdm72d-m-v2"))
    }

    @Test func silentUnitTimesOutAndGatewayExceptionIsNamed() async throws {
        let bank = try Self.meter("eastron-sdm630")
        let silent = try await Self.run(bank) { ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm630", "--unit", "9", "--timeout", "0.3", "--json"] }
        #expect(silent.status == .communication)
        #expect(silent.stderr.contains("unit 9 did not answer 0x04 read input registers within 0.3 s (timed out)"))
        #expect(try TestCLI.json(silent.stdout)["ok"] as? Bool == false)
        let gateway = try await Self.run(bank, fault: .exception(.gatewayTargetDeviceFailedToRespond)) {
            ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm630", "--timeout", "0.3"]
        }
        #expect(gateway.status == .communication)
        #expect(gateway.stderr.contains("exception 0x0B gateway target device failed to respond"))
        #expect(!gateway.stderr.contains("timed out"))
    }

    @Test func watchPollsCountTimes() async throws {
        let bank = try Self.meter("eastron-sdm630", identity: [0x0070])
        let run = try await Self.run(bank) {
            ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm630", "--watch", "--interval", "0.1", "--count", "3", "--json"]
        }
        #expect(run.status == .success)
        #expect(run.stdout.split(separator: "\n").count == 3)
    }

    @Test func unknownPresetIsInvalidInput() async throws {
        let run = try await TestCLI.run(["meter", "test", "127.0.0.1", "--preset", "eastron-sdm63"])
        #expect(run.status == .invalidInput)
        #expect(run.console.stderr.contains("did you mean \"eastron-sdm630\""))
    }

    @Test func presetsListAndShow() async throws {
        let list = try await TestCLI.run(["meter", "presets", "--json"])
        #expect(list.status == .success)
        let presets = try #require(try TestCLI.json(list.console.stdout)["presets"] as? [[String: Any]])
        #expect(presets.count == 11)
        let show = try await TestCLI.run(["meter", "presets", "show", "eastron-sdm120ct"])
        #expect(show.console.stdout.contains("currentL1"))
        #expect(show.console.stdout.contains("100.0"))
        #expect(show.console.stdout.contains("0-based PDU addresses"))
    }
}
