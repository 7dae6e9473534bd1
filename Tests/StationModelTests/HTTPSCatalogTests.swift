import AllocationCore
import Foundation
import Testing
@testable import StationModel

/// Issue 15 item 2: the catalog's HTTPS side as SPEC §3's table gives it, compiled into property writes, and the
/// contested "ModbusTCP balancing enabled" id written where the station's own listing has it writable.
@Suite struct HTTPSCatalogTests {
    static func writes(_ changes: [SettingChange]) throws -> [PlannedWrite] {
        try RunPlan.compile(Plan(stations: [StationPlan(station: "A", changes: changes)]), command: "test", for: .https).stations[0].writes
    }

    @Test func emsRJ11TotalSafeCurrentAndPhaseSwitchingAreTheTablesIds() throws {
        #expect(try Self.writes([SettingChange(.emsEnabled, .bool(true))]).map { "\($0.key)=\($0.value)" } == ["5217_0=-1", "2530_1=3"])
        #expect(try Self.writes([SettingChange(.rj11Mode, .choice("p1")), SettingChange(.rj11Mode, .choice("suspend-opened"))]).map(\.value) == ["0", "2"])
        #expect(try Self.writes([SettingChange(.rj11Mode, .choice("p1"))]).map(\.key) == ["216C_0"])
        #expect(try Self.writes([SettingChange(.scnTotalSafeCurrent, .amperes(25))]) == [PlannedWrite(setting: .scnTotalSafeCurrent, key: "2180_A", value: "25")])
        #expect(try Self.writes([SettingChange(.allowPhaseSwitching, .bool(true))]) == [PlannedWrite(setting: .allowPhaseSwitching, key: "2185_0", value: "1")])
        // 2069_0 is a string of phase names (reference §4.3), the SCN mappings numbers.
        #expect(try Self.writes([SettingChange(.phaseConnected, .mapping(PhaseMapping(name: "L2L3L1")))]).map(\.value) == ["L2L3L1"])
    }

    @Test func aChoiceReadsBackInEitherSpelling() {
        let write = PlannedWrite(setting: .albProtocol, key: "5217_0", value: "4")
        #expect(write.isSatisfied(by: "4") && write.isSatisfied(by: "4.0") && write.isSatisfied(by: "Modbus TCP/IP"))
        #expect(!write.isSatisfied(by: "5") && !write.isSatisfied(by: nil))
        let ems = PlannedWrite(setting: .emsEnabled, key: "5217_0", value: "-1")
        #expect(ems.isSatisfied(by: "-1") && !ems.isSatisfied(by: "4"))
        let map = PlannedWrite(setting: .tcpMeterRegisterMap, key: "2573_1", value: "-3")
        #expect(map.isSatisfied(by: "-3") && !map.isSatisfied(by: "0"))
    }

    static let janitzaLike = CustomRegisterMap(entries: [
        .init(measurand: 1, register: 0x0BE0, dataType: 7, scaleExponent: 0),
        .init(measurand: 11, register: 0x0B00, dataType: 3, scaleExponent: -2),
    ], wordOrder: 0, function: 3)

    @Test func aCustomMeterOverHTTPSGetsItsPortAndRegisterMap() throws {
        let meter = ALBRequest.MeterTarget(host: "192.168.1.40", port: 1502, unit: 7, preset: "janitza-umg96rm", registerMap: Self.janitzaLike)
        let planned = try ALBPlanner.changes(ALBRequest(source: .modbusTCP, meter: meter), link: .https)
        let ids = planned.changes.map(\.setting)
        #expect(ids.contains(.tcpMeterPort) && ids.contains(.tcpMeterRegisterMap))
        #expect(planned.changes.first { $0.setting == .tcpMeterModel }?.to == .choice("custom"))
        let writes = try Self.writes(planned.changes)
        let byKey = Dictionary(writes.map { ($0.key, $0.value) }) { first, _ in first }
        #expect(byKey["2523_2"] == "2" && byKey["2523_5"] == "1502" && byKey["5217_0"] == "4" && byKey["2523_6"] == "7")
        #expect(writes.filter { $0.setting == .tcpMeterRegisterMap }.map { "\($0.key)=\($0.value)" } == [
            "2570_1=1", "2571_1=3040", "2572_1=7", "2573_1=0", "2570_2=11", "2571_2=2816", "2572_2=3", "2573_2=-2", "2574_0=0", "2574_3=3",
        ])
        // A Socomec on 502 needs no map; its port is still written over HTTPS.
        let socomec = try ALBPlanner.changes(ALBRequest(source: .modbusTCP, meter: .init(host: "192.168.1.40", unit: 5, preset: "socomec-countis-e27")), link: .https)
        #expect(!socomec.changes.contains { $0.setting == .tcpMeterRegisterMap })
        #expect(socomec.changes.first { $0.setting == .tcpMeterModel }?.to == .choice("Socomec"))
    }

    @Test func aCustomMeterWithoutItsMapIsRefusedAndOCPPStaysHeldToSocomec() {
        let meter = ALBRequest.MeterTarget(host: "192.168.1.40", port: 502, unit: 7, preset: "janitza-umg96rm")
        #expect(throws: ConfigErrors.self) { try ALBPlanner.changes(ALBRequest(source: .modbusTCP, meter: meter), link: .https) }
        do {
            _ = try ALBPlanner.changes(ALBRequest(source: .modbusTCP, meter: .init(host: "192.168.1.40", port: 1502, unit: 7, preset: "janitza-umg96rm",
                                                                                   registerMap: Self.janitzaLike)), link: .ocpp)
            Issue.record("a Janitza on 1502 planned over OCPP")
        } catch {
            #expect(Set(error.errors.map(\.code)) == ["alb.ocpp-meter-preset", "alb.ocpp-meter-port"])
            #expect(error.errors.allSatisfy { $0.hint.contains("--via https") })
        }
    }

    static func run(_ configuration: StationConfiguration) -> (StationRun, [PlannedWrite]) {
        let write = PlannedWrite(setting: .tcpMeterEnabled, key: "2523_1", value: "1")
        var run = StationRun(plan: RunPlan.Station(station: "A", writes: [write]), batchSize: 15, link: .https)
        _ = run.start()
        _ = run.handle(.connected(firmware: "6.4.0"))
        let action = run.handle(.backedUp(configuration, path: nil))
        guard case .write(let batch) = action else { return (run, []) }
        return (run, batch)
    }

    @Test func theContestedIdIsWrittenWhereTheStationListsItWritable() {
        let features = ["21A2_0": "5"]
        // Only 2522_1 writable: the station's listing decides.
        let (alternate, batch) = Self.run(StationConfiguration(features.merging(["2523_1": "0", "2522_1": "0"]) { $1 }, readOnly: ["2523_1"]))
        #expect(batch.map(\.key) == ["2522_1"])
        #expect(alternate.notes.contains { $0.contains("2523_1 read-only") && $0.contains("2522_1 writable") && $0.hasSuffix("writing 2522_1") })
        // Both writable, or only the catalog's listed: the catalog's id.
        #expect(Self.run(StationConfiguration(features.merging(["2523_1": "0", "2522_1": "0"]) { $1 })).1.map(\.key) == ["2523_1"])
        #expect(Self.run(StationConfiguration(features.merging(["2523_1": "0"]) { $1 })).1.map(\.key) == ["2523_1"])
        // Over OCPP nothing is contested.
        var ocpp = StationRun(plan: RunPlan.Station(station: "A", writes: [PlannedWrite(setting: .tcpMeterEnabled, key: "MBTCPSmart-IsEnabled", value: "True")]))
        _ = ocpp.start()
        _ = ocpp.handle(.connected(firmware: "6.4.0"))
        let action = ocpp.handle(.backedUp(StationConfiguration(["MBTCPSmart-IsEnabled": "False", "UnlockedFeatures": "5"], readOnly: ["MBTCPSmart-IsEnabled"]), path: nil))
        if case .write(let batch) = action { #expect(batch.map(\.key) == ["MBTCPSmart-IsEnabled"]) } else { Issue.record("no write: \(action)") }
    }

    @Test func readOnlyKeysSurviveTheJournalAndPlainMapsStillDecode() throws {
        let configuration = StationConfiguration(["2523_1": "0", "2522_1": "1"], readOnly: ["2523_1"])
        let encoded = try JSONEncoder().encode(configuration)
        let decoded = try JSONDecoder().decode(StationConfiguration.self, from: encoded)
        #expect(decoded == configuration && decoded.isReadOnly("2523_1") && !decoded.isReadOnly("2522_1"))
        let plain = try JSONDecoder().decode(StationConfiguration.self, from: Data(#"{"Station-MaxCurrent":"32"}"#.utf8))
        #expect(plain.value(forKey: "station-maxcurrent") == "32" && !plain.isReadOnly("Station-MaxCurrent"))
    }
}
