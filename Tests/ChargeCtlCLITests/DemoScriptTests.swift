@testable import ChargeCtlCLI
import ChargeIO
import JSONText
import StationModel
import Testing
import VirtualSite

/// The demo's script decided offline: the commands an installer would type for the built-in site, and what the
/// read-back must find.
@Suite struct DemoScriptTests {
    static func builtIn() throws -> Site {
        try DemoSite.load(site: nil, scenario: nil).0
    }

    static func script() throws -> DemoScript {
        let site = try builtIn()
        let keys = Dictionary(uniqueKeysWithValues: site.stations.map { ($0.id, "KEY-\($0.id)") })
        let ports = Dictionary(uniqueKeysWithValues: site.stations.enumerated().map { ($1.id, 41000 + $0) })
        return try DemoScript.make(site: site, licenceKeys: keys, modbusPorts: ports, meter: (41502, 5),
                                   listen: "127.0.0.1:40000", wait: 30)
    }

    @Test func theBuiltInSiteIsFourStationsWithOneDoubleAndAModbusTCPMeter() throws {
        let site = try Self.builtIn()
        #expect(site.stations.count == 4)
        #expect(site.stations.map(\.sockets.count).sorted() == [1, 1, 1, 2])
        #expect(site.alb?.source == .modbusTCP)
        #expect(site.alb?.meter?.preset == "socomec-countis-e27")
        #expect(site.scn != nil)
    }

    @Test func stagesFollowTheCommissioningOrder() throws {
        let stages = try Self.script().stages
        #expect(stages.map { $0.steps.first?.arguments.prefix(2).joined(separator: " ") ?? "" }
            == ["discover --interface", "meter test", "unlock ACE0100201", "alb configure", "scn create", "config get", "station status"])
        #expect(stages[2].parallel && stages[2].steps.count == 4)
        #expect(stages[1].steps[0].arguments == ["meter", "test", "127.0.0.1:41502", "--preset", "socomec-countis-e27", "--unit", "5"])
        #expect(stages[0].steps[0].arguments.contains("lo"))
    }

    /// The demo ends with `verify` (issue 17): the site file, the report, and every Modbus server and the meter
    /// where they really listen.
    @Test func theScriptEndsWithVerifyWritingTheReport() throws {
        let site = try Self.builtIn()
        let ports = Dictionary(uniqueKeysWithValues: site.stations.enumerated().map { ($1.id, 41000 + $0) })
        let script = try DemoScript.make(site: site, licenceKeys: [:], modbusPorts: ports, meter: (41502, 5), listen: "127.0.0.1:40000",
                                         wait: 30, verify: ("/tmp/demo/virtual-demo.yaml", "/tmp/demo/verify-report.html"))
        let last = try #require(script.stages.last)
        #expect(last.kind == .verify && last.steps.count == 1)
        let arguments = last.steps[0].arguments
        #expect(arguments.starts(with: ["verify", "/tmp/demo/virtual-demo.yaml", "--report", "/tmp/demo/verify-report.html"]))
        #expect(arguments.contains("ACE0100201=127.0.0.1:41000") && arguments.contains("ACE0100204=127.0.0.1:41003"))
        #expect(arguments.contains("127.0.0.1:41502") && arguments.suffix(4) == ["--listen", "127.0.0.1:40000", "--wait", "30"])
        #expect(try Self.script().stages.allSatisfy { $0.kind != .verify })
    }

    @Test func licenceKeysTravelInTheEnvironmentNeverOnTheCommandLine() throws {
        let script = try Self.script()
        let unlocks = script.stages[2].steps
        for step in unlocks {
            #expect(!step.commandLine.contains("KEY-"))
            let variable = try #require(step.arguments.firstIndex(of: "--license-key-env").map { step.arguments[$0 + 1] })
            #expect(script.secrets[variable] == "KEY-\(step.arguments[1])")
        }
        #expect(Set(script.secrets.values).count == 4)
    }

    /// The station is told the site's meter address: over OCPP only port 502 can be expressed (SPEC §3), so the
    /// meter's real (ephemeral) port is for `meter test` alone.
    @Test func albGoesToTheMeterStationWithTheSitesMeterAddress() throws {
        let alb = try Self.script().stages[3].steps[0].arguments
        #expect(alb.starts(with: ["alb", "configure", "ACE0100201", "--source", "modbus-tcp"]))
        #expect(alb.contains("--meter-port") && alb[alb.firstIndex(of: "--meter-port")! + 1] == "502")
        #expect(alb.contains("--includes-chargers"))
        #expect(alb.suffix(5) == ["--listen", "127.0.0.1:40000", "--wait", "30", "--yes"])
    }

    @Test func theDoubleStationJoinsTheSCNWithTwoSockets() throws {
        let scn = try Self.script().stages[4].steps[0].arguments
        #expect(scn.contains("ACE0100204:2"))
        #expect(scn.filter { $0 == "--station" }.count == 4)
    }

    @Test func readBackCoversTheSCNOnEveryMemberAndALBOnItsStationOnly() throws {
        let script = try Self.script()
        let keys = script.expected.mapValues { Set($0.map(\.key)) }
        for station in ["ACE0100201", "ACE0100202", "ACE0100203", "ACE0100204"] {
            #expect(keys[station]?.contains("SCN-SocketCount") == true, "\(station)")
        }
        #expect(keys["ACE0100201"]?.contains("MBTCPSmart-IPAddress") == true)
        #expect(keys["ACE0100202"]?.contains("MBTCPSmart-IPAddress") == false)
        #expect(script.expected.values.joined().allSatisfy { $0.setting != .stationMaxCurrent })
        // Station status reads each station's own Modbus port.
        #expect(script.stages[6].steps.map { $0.arguments.last } == ["127.0.0.1:41000", "127.0.0.1:41001", "127.0.0.1:41002", "127.0.0.1:41003"])
    }

    @Test func readBackJudgesByTheSettingsKindAndTheLicenceByItsBits() {
        let writes = [PlannedWrite(setting: .scnSocketCount, key: "SCN-SocketCount", value: "5"),
                      PlannedWrite(setting: .includesChargers, key: "SmartMeterIncludesCharger", value: "True")]
        let document = JSONValue.object(["keys": .array([
            .object(["key": .string("SCN-SocketCount"), "value": .string("5")]),
            .object(["key": .string("smartmeterincludescharger"), "value": .string("true")]),
            .object(["key": .string("UnlockedFeatures"), "value": .string("1")]),
        ])])
        let rows = DemoReadBack.rows(station: "CP", expected: writes, features: ["scn", "alb"], document: document)
        #expect(rows.map(\.matches) == [true, true, false])
        let unlocked = DemoReadBack.rows(station: "CP", expected: [], features: ["scn", "alb"], document: .object(["keys": .array([
            .object(["key": .string("UnlockedFeatures"), "value": .string("5")])])]))
        #expect(unlocked.map(\.matches) == [true])
        #expect(DemoReadBack.rows(station: "CP", expected: writes, features: [], document: nil).prefix(2).allSatisfy { !$0.matches })
    }
}
