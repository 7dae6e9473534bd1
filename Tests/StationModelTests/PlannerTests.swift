import AllocationCore
import Testing
@testable import StationModel

/// Plans are data: every source's ALB changes and the SCN examples, key by key, in order (SPEC §3).
@Suite struct PlannerTests {
    /// A plan as `KEY=wire` lines, the way a person reads a ChangeConfiguration log.
    func wire(_ changes: [SettingChange]) -> [String] {
        changes.map { change in
            let setting = SettingsCatalog.setting(change.setting)
            return "\(setting.ocppKey ?? setting.id.rawValue)=\(setting.isSecret ? "***" : setting.kind.ocppString(change.to) ?? "?")"
        }
    }

    let common = ["Active-LoadBalancing=On", "SmartCharging-Mode=None", "SmartMeter-MaxCurrent=63", "SmartMeterIncludesCharger=True",
                  "Safe-MaxCurrent=12", "Phase-Connected=L1L2L3"]

    func request(_ source: ALBSource) -> ALBRequest {
        ALBRequest(source: source, maxCurrent: 63, safeCurrent: 12, includesChargers: true, phaseConnected: PhaseMapping(name: "L1L2L3"),
                   meter: .init(host: "192.168.0.4", port: 502, unit: 5, preset: "socomec-countis-e27"),
                   emsMode: .scn, emsValidityTime: 60)
    }

    @Test(arguments: [
        (ALBSource.p1, ["ALB-ProtocolSelection=DSMR4.x/SMR5.0 (P1)", "RJ11-Mode=DSMR P1"]),
        (.tic, ["ALB-ProtocolSelection=TIC protocol"]),
        (.modbusRTU, ["ALB-ProtocolSelection=Modbus RTU"]),
        (.modbusTCP, ["ALB-ProtocolSelection=Modbus TCP/IP", "MBTCPSmart-IsEnabled=True", "MBTCPSmart-SlaveMeterModel=Socomec",
                      "MBTCPSmart-ConnectionType=TCP master", "MBTCPSmart-IPAddress=192.168.000.004", "MBTCPSmart-SlaveUnitID=5"]),
        (.ems, ["MbsSlaveTCPIP=On", "MbsSlaveTCPIPValidityTime=60", "MbsSlaveTCPIPMode=SCN"]),
    ])
    func albPlanPerSource(source: ALBSource, specific: [String]) throws {
        let planned = try ALBPlanner.changes(request(source), link: .ocpp)
        #expect(wire(planned.changes) == common + specific)
        #expect(planned.warnings.map(\.code) == (source == .modbusRTU ? ["alb.rtu-map-https-only"] : []))
    }

    @Test func commandLineLeavesUnsetSettingsAlone() throws {
        let planned = try ALBPlanner.changes(ALBRequest(source: .tic, safeCurrent: 10), link: .ocpp)
        #expect(wire(planned.changes) == ["Active-LoadBalancing=On", "SmartCharging-Mode=None", "Safe-MaxCurrent=10",
                                          "ALB-ProtocolSelection=TIC protocol"])
    }

    @Test func phaseSwitchingOverOCPPIsAWarningNotASilentSkip() throws {
        let planned = try ALBPlanner.changes(ALBRequest(source: .p1, allowPhaseSwitching: true), link: .ocpp)
        #expect(planned.warnings.map(\.code) == ["link.setting-unsupported"])
        // Over HTTPS only SmartCharging-Mode has no property; RJ11 mode is 216C_0 (issue 15).
        #expect(try ALBPlanner.changes(ALBRequest(source: .p1, allowPhaseSwitching: true), link: .https).warnings.map(\.code)
                == ["link.setting-unsupported"])
    }

    @Test func ocppOnlySelectsASocomecOnPort502() {
        var other = request(.modbusTCP)
        other.meter?.preset = "eastron-sdm630"
        #expect(throws: ConfigErrors.self) { try ALBPlanner.changes(other, link: .ocpp) }
        // Over HTTPS with the preset's register map, which the caller reads from the preset file.
        other.meter?.registerMap = CustomRegisterMap(entries: [.init(measurand: 1, register: 6, dataType: 7, scaleExponent: 0)], wordOrder: 0, function: 4)
        #expect((try? ALBPlanner.changes(other, link: .https))?.changes.contains(SettingChange(.tcpMeterModel, .choice("custom"))) == true)
        var port = request(.modbusTCP)
        port.meter?.port = 1502
        #expect(throws: ConfigErrors.self) { try ALBPlanner.changes(port, link: .ocpp) }
    }

    func member(_ id: String, _ first: Int, _ count: Int = 1, _ mapping: String = "L1L2L3") -> SCNMember {
        SCNMember(station: id, firstSocketID: first, socketCount: count, mappings: Array(repeating: PhaseMapping(name: mapping)!, count: count))
    }

    @Test func scnCreateGivesEveryMemberTheSameCountAndItsOwnIds() {
        let plans = SCNPlanner.create([member("A", 0), member("B", 1, 2, "L3L1L2"), member("C", 3, 1, "L2L3L1")],
                                      SCNParameters(name: "PLAZA1", totalCurrent: 40))
        #expect(plans.map(\.station) == ["A", "B", "C"])
        #expect(wire(plans[1].changes) == ["SCN-IsEnabled=True", "SCN-NetworkName=PLAZA1", "SCN-SocketID=1", "SCN-TotalStaticCurrent=40",
                                           "SCN-SocketSafeCurrent=6", "SCN-AlternatingPeriod=900", "SCN-PhaseMapping-1=8",
                                           "SCN-PhaseMapping-2=8", "SCN-SocketCount=4"])
        #expect(wire(plans[2].changes).contains("SCN-PhaseMapping-2=0"))
        #expect(plans.allSatisfy { wire($0.changes).last == "SCN-SocketCount=4" })
    }

    @Test func scnAddTakesTheNextFreeIdAndRecountsEveryone() {
        let existing = [member("A", 0, 2), member("B", 3)]
        let added = SCNPlanner.add("C", socketCount: 2, mappings: [PhaseMapping(name: "L2L3L1")!, PhaseMapping(name: "L2L3L1")!],
                                   to: existing, SCNParameters(name: "PLAZA1", totalCurrent: 40))
        #expect(added.member.firstSocketID == 4)
        #expect(added.plans.map { wire($0.changes) }.prefix(2) == [["SCN-SocketCount=5"], ["SCN-SocketCount=5"]])
        #expect(wire(added.plans[2].changes).contains("SCN-SocketID=4"))
        // A gap of one fits a one-socket station, not a two-socket one.
        let gapped = [member("A", 0), member("B", 2)]
        #expect(SCNPlanner.nextFreeID(in: gapped, count: 1) == 1)
        #expect(SCNPlanner.nextFreeID(in: gapped, count: 2) == 3)
    }

    func site(alb: ALBSettings? = nil, licence: Bool = false) -> Site {
        Site(name: "t", installation: Installation(phases: 3, maxCurrent: 40), scn: SCNSettings(name: "PLAZA1"), alb: alb,
             stations: [StationEntry(id: "A", maxCurrent: 32, probingCurrent: 10, licenseKey: licence ? .env("K") : nil,
                                     sockets: [SocketEntry(maxCurrent: 32), SocketEntry(maxCurrent: 16)]),
                        StationEntry(id: "B", maxCurrent: 20, sockets: [SocketEntry(maxCurrent: 20)])])
    }

    @Test func sitePlanOrdersUnlockLimitsALBThenSCN() throws {
        let alb = ALBSettings(source: .p1, maxCurrent: 40, safeCurrent: 10, station: "B")
        let key = try LicenceKey("1a2b3c4d5e6f7a8b9c0d1e2f")
        let plan = try SitePlanner.plan(site(alb: alb, licence: true), licenceKeys: ["A": key])
        #expect(plan.stations[0].unlock == SettingChange(.licenseKey, .secret("1A2B.3C4D.5E6F.7A8B.9C0D.1E2F")))
        #expect(wire(plan.stations[0].changes).prefix(4) == ["Station-MaxCurrent=32", "Connector1-MaxCurrent=32", "Connector2-MaxCurrent=16",
                                                             "Chameleon-MinCurrent=10"])
        #expect(!plan.stations[0].changes.contains { $0.setting == .albEnabled })
        let b = wire(plan.stations[1].changes)
        #expect(b.prefix(2) == ["Station-MaxCurrent=20", "Connector1-MaxCurrent=20"])
        #expect(b[2] == "Active-LoadBalancing=On")
        #expect(b.last == "SCN-SocketCount=3")
        #expect(plan.stations.allSatisfy { $0.reboot })
    }

    @Test func aKnownConfigurationMakesThePlanADiff() throws {
        let known = StationConfiguration(["Station-MaxCurrent": "20", "connector1-maxcurrent": "16", "SCN-NetworkName": "PLAZA1",
                                          "SCN-SocketID": "2", "SCN-SocketCount": "3", "SCN-IsEnabled": "true",
                                          "SCN-TotalStaticCurrent": "40.0", "SCN-SocketSafeCurrent": "6", "SCN-AlternatingPeriod": "900",
                                          "SCN-PhaseMapping-1": "8", "SCN-PhaseMapping-2": "0"])
        let plan = try SitePlanner.plan(site(), known: ["B": known])
        let b = plan.stations[1]
        #expect(b.changes == [SettingChange(.connector1MaxCurrent, .amperes(20), from: .amperes(16))])
        #expect(plan.stations[0].changes.allSatisfy { $0.from == nil })
        let unchanged = try SitePlanner.plan(site(), known: ["B": StationConfiguration(["Connector1-MaxCurrent": "20"]
            .merging(["Station-MaxCurrent": "20", "SCN-NetworkName": "PLAZA1", "SCN-SocketID": "2", "SCN-SocketCount": "3",
                      "SCN-IsEnabled": "True", "SCN-TotalStaticCurrent": "40", "SCN-SocketSafeCurrent": "6", "SCN-AlternatingPeriod": "900",
                      "SCN-PhaseMapping-1": "8", "SCN-PhaseMapping-2": "0"]) { a, _ in a })])
        #expect(unchanged.stations[1].isEmpty && !unchanged.stations[1].reboot)
    }
}
