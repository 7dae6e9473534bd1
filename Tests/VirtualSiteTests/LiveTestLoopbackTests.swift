import AllocationCore
import ChargeIO
import Foundation
import StationModel
import Testing
@testable import VirtualSite

/// Issue 17 end to end on loopback: the live test's procedure (`LiveTestRunner` over `LiveModbus`) against a
/// virtual EMS site whose meter has L2 and L3 swapped. The stations follow the lowered SCN set point, so the limit
/// holds; the swapped meter shows each 1-phase socket on the other phase, and the judge names them.
@Suite(.serialized) struct LiveTestLoopbackTests {
    static let site = Site(
        name: "live-ems", installation: Installation(phases: 3, maxCurrent: 63), scn: SCNSettings(name: "LIVE2"),
        alb: ALBSettings(source: .ems, maxCurrent: 40, safeCurrent: 30, includesChargers: true, station: "ACE0001801",
                         ems: EMSSettings(mode: .scn, validityTime: 60)),
        stations: [
            StationEntry(id: "ACE0001801", model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32, phaseMapping: PhaseMapping(name: "L1L2L3"))]),
            StationEntry(id: "ACE0001802", model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32, phaseMapping: PhaseMapping(name: "L3L1L2"))]),
            StationEntry(id: "ACE0001803", model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32, phaseMapping: PhaseMapping(name: "L2L3L1"))]),
        ])
    static let scenario = Scenario(duration: 7200, events: [
        ScenarioEvent(at: 0, kind: .load(PhaseCurrents(l1: 4, l2: 10, l3: 2))),
        ScenarioEvent(at: 0, kind: .connect(.scnID(0), EVProfile(phases: 3, minCurrent: 6))),
        ScenarioEvent(at: 0, kind: .connect(.scnID(1), EVProfile(phases: 1, minCurrent: 6))),
        ScenarioEvent(at: 0, kind: .connect(.scnID(2), EVProfile(phases: 1, minCurrent: 6, maxCurrent: 13))),
    ])

    func run(faults: [String]) async throws -> LiveTestRunner.Outcome {
        var options = VirtualSiteOptions(rebootTime: .milliseconds(100), mdnsInterface: nil, backoff: ReconnectBackoff(initial: .seconds(30)))
        options.faults = try SiteFaults.parse(faults, site: Self.site)
        // Two minutes in: every EV has probed (SPEC §4 rule 1).
        options.startAt = 120
        let running = try await VirtualSiteRunner.start(site: Self.site, scenario: Self.scenario, ocppURL: "ws://127.0.0.1:9/ocpp", options: options)
        let meter = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: running.meter.port), options: ModbusClientOptions(timeout: 5))
        let ids = LiveModbus.socketIDs(of: Self.site)
        let stations = running.stations.enumerated().map { index, station in
            LiveModbus.Station(connection: ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: station.modbusPort), options: ModbusClientOptions(timeout: 5)),
                               socketIDs: ids[index])
        }
        let modbus = LiveModbus(meter: meter, meterPreset: try MeterPresetCatalog.builtIn().entry(named: "socomec-countis-e27"), meterUnit: 5,
                                stations: stations)
        let host = stations[0].connection
        let clock = ContinuousClock()
        let start = clock.now
        let ports = LiveTestRunner.Ports(
            sample: { try await modbus.sample() },
            write: { try await LiveModbus.writeSCNSetPoint($0, on: host) },
            readBack: { try await LiveModbus.readSCNSetPoint(on: host) },
            sleep: { try await Task.sleep(for: $0) },
            now: {
                let elapsed = clock.now - start
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            },
            timestamp: { "2026-12-06T09:00:00Z" })
        var runner = LiveTestRunner(ports: ports, journal: nil)
        runner.interval = .milliseconds(250)
        runner.judgedSeconds = 1
        defer {
            meter.close()
            for station in stations { station.connection.close() }
        }
        do {
            // Before any set point the EMS's safe current (30 A) is what the SCN shares.
            let outcome = try await runner.run(site: Self.site, siteName: nil, link: .ocpp, original: 30, settle: 3.5)
            await running.stop()
            return outcome
        } catch {
            await running.stop()
            throw error
        }
    }

    @Test func aSwappedMeterIsFoundAndTheSetPointIsPutBack() async throws {
        let outcome = try await run(faults: ["meter-phases=L1L3L2"])
        let findings = outcome.report.findings
        #expect(outcome.cutShort == nil)
        #expect(outcome.report.target == .emsSetPoint)
        #expect(findings.first { $0.code == "verify.live.limit-held" }?.severity == .pass,
                "\(findings.map(\.message)) samples: \(outcome.report.samples.map { ($0.t, $0.meter) })")
        let mapping = findings.filter { $0.code == "verify.live.phase-mapping" }
        #expect(mapping.map(\.message) == ["socket 1 draws on L3 but the meter sees it on L2", "socket 2 draws on L2 but the meter sees it on L3"],
                "\(mapping.map(\.message))")
        #expect(findings.last?.code == "verify.live.restored")
        #expect(findings.last?.severity == .pass, "\(findings.last?.message ?? "")")
    }

    @Test func aRightSitePassesEveryCheck() async throws {
        let outcome = try await run(faults: [])
        #expect(outcome.report.findings.map(\.severity) == [.pass, .pass, .pass], "\(outcome.report.findings.map(\.message))")
    }
}
