import Foundation
import ChargeCtlCLI
import ChargeIO
import ChargeTestSupport
import ModbusProtocol
import Testing

/// `station status` against a bank holding the Alfen map (alfen-station.md §1).
@Suite struct StationStatusCommandTests {
    static func float(_ value: Double) throws -> [UInt16] { try RegisterType.float32.encode(value, order: .abcd) }

    static func station(sockets: Int) throws -> RegisterBank {
        var bank = RegisterBank()
        let unit = AlfenStationMap.stationUnit
        try bank.store(Array(repeating: 0, count: 79), at: 100, in: .holding, unit: unit)
        try bank.store(RegisterString.encode("ALF_1000", registerCount: 17), at: 100, in: .holding, unit: unit)
        try bank.store(RegisterString.encode("Alfen NV", registerCount: 5), at: 117, in: .holding, unit: unit)
        try bank.store(RegisterString.encode("6.4.0-4210", registerCount: 17), at: 123, in: .holding, unit: unit)
        try bank.store(RegisterString.encode("NG910", registerCount: 17), at: 140, in: .holding, unit: unit)
        try bank.store(RegisterString.encode("ACE0123456", registerCount: 11), at: 157, in: .holding, unit: unit)
        try bank.store(try float(32) + float(41.5) + [1, UInt16(sockets)], at: 1100, in: .holding, unit: unit)
        try bank.store(Array(repeating: 0xFFFF, count: 32), at: 1400, in: .holding, unit: unit)
        try bank.store(RegisterString.encode("PLAZA1", registerCount: 4) + [6], at: 1400, in: .holding, unit: unit)
        try bank.store(try float(12) + float(3) + float(0), at: 1405, in: .holding, unit: unit)
        for socket in 1...sockets {
            let id = UInt8(socket)
            try bank.store(Array(repeating: 0xFFFF, count: 40), at: 306, in: .holding, unit: id)
            try bank.store(try float(230) + float(231) + float(229), at: 306, in: .holding, unit: id)
            try bank.store(try float(16) + float(16) + float(16), at: 320, in: .holding, unit: id)
            try bank.store(try float(11040), at: 344, in: .holding, unit: id)
            try bank.store([1] + RegisterString.encode("C2", registerCount: 5) + float(16) + [0, 45] + float(16) + float(6) + [1, 3],
                           at: 1200, in: .holding, unit: id)
        }
        return bank
    }

    static func run(_ bank: RegisterBank) async throws -> (ChargeCtlCLI.ExitStatus, [String: Any]) {
        let (status, stdout) = try await ModbusTCPServer.serve(responder: RegisterBankResponder(bank: bank)) { port async throws in
            let result = try await TestCLI.run(["station", "status", "127.0.0.1:\(port)", "--json", "--timeout", "1"])
            return (result.status, result.console.stdout)
        }
        return (status, try TestCLI.json(stdout))
    }

    @Test func twoSocketStation() async throws {
        let (status, document) = try await Self.run(try Self.station(sockets: 2))
        #expect(status == .success)
        let station = try #require(document["station"] as? [String: Any])
        #expect(station["name"] as? String == "ALF_1000")
        #expect(station["firmware"] as? String == "6.4.0-4210")
        #expect(station["sockets"] as? Int == 2)
        #expect(station["temperature"] as? Double == 41.5)
        let scn = try #require(document["scn"] as? [String: Any])
        #expect(scn["name"] as? String == "PLAZA1")
        #expect(scn["consumption"] as? [String: Double] == ["L1": 12, "L2": 3, "L3": 0])
        let sockets = try #require(document["sockets"] as? [[String: Any]])
        #expect(sockets.map { $0["unit"] as? Int } == [1, 2])
        #expect(sockets[0]["mode3"] as? String == "C2")
        #expect(sockets[0]["validityRemaining"] as? Double == 45)
        #expect(sockets[0]["setpoint"] as? Double == 16)
        #expect(sockets[0]["power"] as? Double == 11040)
    }

    /// Unit 2 does not exist on a single-socket station: it is not asked (the bank has no unit 2, so asking would
    /// time out).
    @Test func singleSocketStationReadsUnit1Only() async throws {
        let (status, document) = try await Self.run(try Self.station(sockets: 1))
        #expect(status == .success)
        #expect((document["sockets"] as? [[String: Any]])?.count == 1)
    }

    /// Issue 14: a register reading ±Inf is a failing finding in the JSON as in the text (exit 1 both), its value
    /// null, never `internal.unexpected`.
    @Test func infiniteReadingsAreFailingFindings() async throws {
        var bank = try Self.station(sockets: 1)
        try bank.store(try Self.float(-.infinity), at: 1102, in: .holding, unit: AlfenStationMap.stationUnit)
        try bank.store(try Self.float(.infinity), at: 320, in: .holding, unit: 1)
        let (status, document) = try await Self.run(bank)
        #expect(status == .checkFailed)
        #expect(document["ok"] as? Bool == false)
        #expect((document["station"] as? [String: Any])?["temperature"] is NSNull)
        let sockets = try #require(document["sockets"] as? [[String: Any]])
        #expect((sockets[0]["current"] as? [String: Any])?["L1"] is NSNull)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["station.value.not-finite", "station.value.not-finite"])
        #expect(findings.allSatisfy { $0["severity"] as? String == "fail" })
        #expect((findings[0]["message"] as? String)?.contains("board temperature") == true)
        #expect((findings[1]["message"] as? String)?.contains("socket 1 current L1") == true)

        let text = try await ModbusTCPServer.serve(responder: RegisterBankResponder(bank: bank)) { port async throws in
            try await TestCLI.run(["station", "status", "127.0.0.1:\(port)", "--timeout", "1"])
        }
        #expect(text.status == .checkFailed)
        #expect(text.console.stdout.contains("FAIL  socket 1 current L1 reads inf"))
    }

    @Test func finiteReadingsHaveNoFindings() async throws {
        let (status, document) = try await Self.run(try Self.station(sockets: 2))
        #expect(status == .success)
        #expect((document["findings"] as? [Any])?.isEmpty == true)
    }
}
