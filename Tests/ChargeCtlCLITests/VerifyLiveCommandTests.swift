import AllocationCore
@testable import ChargeCtlCLI
import ChargeIO
import Foundation
import StationModel
import Testing
import VirtualSite

/// Issue 17 end to end on loopback: the demo's site, run in-process with EVs charging (started two minutes in, past
/// their probing), commissioned by `apply`; then `verify` and `verify --live` pass, and each seeded fault of
/// `simulate --fault` gives its code with exit 1 (3 for the unreachable meter). A short `--settle` keeps it quick.
@Suite(.serialized) struct VerifyLiveCommandTests {
    static let scenario = Scenario(duration: 7200, events: [
        ScenarioEvent(at: 0, kind: .load(PhaseCurrents(l1: 8, l2: 6, l3: 5))),
        ScenarioEvent(at: 0, kind: .connect(.connector(station: "ACE0100201", connector: 1), EVProfile(phases: 3, minCurrent: 6, maxCurrent: 16))),
        ScenarioEvent(at: 0, kind: .connect(.connector(station: "ACE0100203", connector: 1), EVProfile(phases: 1, minCurrent: 6, maxCurrent: 16))),
        ScenarioEvent(at: 0, kind: .connect(.connector(station: "ACE0100204", connector: 2), EVProfile(phases: 1, minCurrent: 6, maxCurrent: 16))),
    ])

    static let emsYAML = """
        site: Verify EMS
        installation: { phases: 3, maxCurrent: 63 }
        scn: { name: EMS1, socketSafeCurrent: 6, alternatingPeriod: 900 }
        alb:
          source: ems
          maxCurrent: 40
          safeCurrent: 16
          includesChargers: true
          station: ACE0100301
          ems: { mode: scn, validityTime: 300 }
        stations:
          - { id: ACE0100301, host: 127.0.0.1, model: NG910-60023, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }
          - { id: ACE0100302, host: 127.0.0.1, model: NG910-60023, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }

        """

    /// A virtual site, commissioned by `apply`, and a way to run commands against it.
    struct Harness {
        var path: String
        var site: Site
        var files: RecordingFiles
        var central: CentralSystem
        var virtual: RunningVirtualSite

        var connect: [String] { ["--listen", central.listeningAddress, "--wait", "30"] }
        var reach: [String] {
            virtual.stations.flatMap { ["--modbus", "\($0.identity)=127.0.0.1:\($0.modbusPort)"] }
                + (site.alb?.source == .modbusTCP ? ["--meter", "127.0.0.1:\(virtual.meter.port)"] : []) + ["--mdns-timeout", "0"]
        }

        func run(_ arguments: [String], console: RecordingConsole = RecordingConsole(),
                 _ configure: (inout CLIEnvironment) -> Void = { _ in }) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
            let shared = SharedStationDirectory(central)
            var test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state"], console: console, files: files).withRunStorage().withLoopbackModbus()
                .withCentralSystem { _ in shared }
            configure(&test.env)
            return (try await test.run(arguments), test.console)
        }

        /// SmartMeter-MaxCurrent on the ALB station, read over OCPP.
        func meterMaxCurrent() async throws -> String? {
            let (_, get) = try await run(["config", "get", "ACE0100201", "SmartMeter-MaxCurrent", "--json"] + connect)
            let keys = try TestCLI.json(get.stdout)["keys"] as? [[String: Any]]
            return keys?.first?["value"] as? String
        }

        func verify(_ extra: [String] = []) async throws -> (ChargeCtlCLI.ExitStatus, [String: Any], String) {
            let (status, console) = try await run(["verify", path, "--json"] + extra + connect + reach)
            return (status, try TestCLI.json(console.stdout), console.stderr)
        }
    }

    static func withSite(yaml: String = BuiltInDemoSite.siteYAML, faults: [String] = [], evs: Bool = true, scenario: Scenario? = nil,
                         _ body: (Harness) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("verify-live-\(UUID()).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let site = try SiteFiles.site(path: path)
        let central = try await CentralSystem.start(CentralSystemConfiguration(
            host: "127.0.0.1", port: 0, stations: Set(site.stations.map(\.id)), callTimeout: .seconds(10), handshakeTimeout: .seconds(5)))
        var options = VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil, unlockedFeatures: 0x5)
        options.startAt = 120
        let virtual: RunningVirtualSite
        do {
            options.faults = try SiteFaults.parse(faults, site: site)
            let demo = Self.scenario
            virtual = try await VirtualSiteRunner.start(site: site, scenario: scenario ?? (site.alb?.source == .ems ? nil : evs ? demo : Scenario(duration: 7200, events: [demo.events[0]])),
                                                        ocppURL: "ws://\(central.listeningAddress)/ocpp", options: options)
        } catch {
            await central.shutdown()
            throw error
        }
        let harness = Harness(path: path, site: site, files: RecordingFiles(), central: central, virtual: virtual)
        do {
            // A seeded fault may make `apply` itself fail (a pinned key reads back wrong): `verify` judges either way.
            let (applied, console) = try await harness.run(["apply", path, "--json"] + harness.connect)
            if faults.isEmpty { #expect(applied == .success, "\(console.stderr)") }
            try await body(harness)
        } catch {
            await virtual.stop()
            await central.shutdown()
            throw error
        }
        await virtual.stop()
        await central.shutdown()
    }

    static func failing(_ document: [String: Any]) -> [(code: String, message: String)] {
        (document["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "fail" }
            .map { ($0["code"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    @Test func aCommissionedDemoSitePassesVerifyAndTheLiveTest() async throws {
        try await Self.withSite { site in
            let (plain, document, stderr) = try await site.verify()
            #expect(plain == .success, "\(Self.failing(document)) \(stderr)")

            let (live, liveDocument, liveErr) = try await site.verify(["--live", "--yes", "--settle", "3", "--report", "/out/live.html"])
            #expect(live == .success, "\(Self.failing(liveDocument)) \(liveErr)")
            let findings = liveDocument["findings"] as? [[String: Any]] ?? []
            for code in ["verify.live.limit-held", "verify.live.phase-mapping", "verify.live.restored"] {
                #expect(findings.contains { $0["code"] as? String == code && $0["severity"] as? String == "pass" }, "\(code): \(findings)")
            }
            let result = try #require(liveDocument["live"] as? [String: Any])
            let limit = try #require(result["limit"] as? Double)
            #expect(limit < 50 && result["restored"] as? Bool == true)
            #expect((result["samples"] as? [Any])?.count ?? 0 >= 5)
            // Progress went to stderr while sampling; the lowered value is back on the station.
            #expect(liveErr.contains("lowering SmartMeter-MaxCurrent on ACE0100201") && liveErr.contains("  live "), "\(liveErr)")
            #expect(try await site.meterMaxCurrent().flatMap(Double.init) == 50)
            let html = try #require(site.files["/out/live.html"])
            #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
            // Nothing is left to restore.
            #expect((site.files["/state/chargectl/pending-restore.json"] ?? "").contains("\"pending\" : [\n\n  ]") ||
                    !(site.files["/state/chargectl/pending-restore.json"] ?? "").contains("SmartMeter"))
        }
    }

    @Test func aMeterWithTwoPhasesSwappedIsFoundByTheLiveTestNamingSocketAndPhases() async throws {
        try await Self.withSite(faults: ["meter-phases=L2L1L3"]) { site in
            let (plain, document, _) = try await site.verify()
            #expect(plain == .success, "a swapped meter is invisible without load changes: \(Self.failing(document))")
            let (live, liveDocument, stderr) = try await site.verify(["--live", "--yes", "--settle", "3"])
            #expect(live == .checkFailed, "\(stderr)")
            // The 1-phase EVs: each draws on its mapping's first phase; the meter shows grid L1 as its L2 and back.
            let layout = SiteLayout(site.site)
            var expected: [String] = []
            for (station, connector) in [("ACE0100203", 1), ("ACE0100204", 2)] {
                let index = try #require(site.site.stations.firstIndex { $0.id == station })
                let socket = try #require(layout.socket(station: index, connector: connector))
                let grid = socket.mapping.phases[0]
                let seen: Phase = grid == .l1 ? .l2 : grid == .l2 ? .l1 : .l3
                if seen != grid { expected.append("socket \(socket.scnID) draws on L\(grid.rawValue) but the meter sees it on L\(seen.rawValue)") }
            }
            #expect(!expected.isEmpty)
            let mapping = Self.failing(liveDocument).filter { $0.code == "verify.live.phase-mapping" }.map(\.message)
            for message in expected { #expect(mapping.contains(message), "\(mapping) vs \(expected)") }
            #expect((liveDocument["live"] as? [String: Any])?["restored"] as? Bool == true)
        }
    }

    /// The 1-phase EV on ACE0100204's second socket is wired to another phase than its `SCN-PhaseMapping` says: the
    /// station balances the wrong phase, and the live test sees the socket's steps on the phase it is wired to.
    @Test func aSocketWiredOtherwiseThanItsMappingFailsThePhaseMapping() async throws {
        let site = try DemoSite.load(site: nil, scenario: nil).0
        let index = try #require(site.stations.firstIndex { $0.id == "ACE0100204" })
        let socket = try #require(SiteLayout(site).socket(station: index, connector: 2))
        // Wired onto the phase neither 1-phase EV is on by the plan, so the meter's busiest phase is one the
        // station believes loaded: the lowered limit makes it step the socket, and the step shows where it is wired.
        let otherIndex = try #require(site.stations.firstIndex { $0.id == "ACE0100203" })
        let other = try #require(SiteLayout(site).socket(station: otherIndex, connector: 1))
        let free = try #require(Phase.allCases.first { $0 != socket.mapping.phases[0] && $0 != other.mapping.phases[0] })
        let wired = try #require(PhaseMapping.all.first { $0.isThreePhase && $0.phases[0] == free })
        try await Self.withSite(faults: ["wiring=ACE0100204:2=\(wired.name)"]) { harness in
            let (live, document, stderr) = try await harness.verify(["--live", "--yes", "--settle", "3"])
            #expect(live == .checkFailed, "\(stderr)")
            let mapping = Self.failing(document).filter { $0.code == "verify.live.phase-mapping" }.map(\.message)
            #expect(mapping.contains("socket \(socket.scnID) draws on L\(socket.mapping.phases[0].rawValue) but the meter sees it on L\(wired.phases[0].rawValue)"),
                    "\(Self.failing(document))")
        }
    }

    @Test(arguments: [
        (["scn-name=ACE0100203=OTHER1"], "verify.scn.name"),
        (["socket-id=ACE0100203=0"], "verify.scn.socket-ids"),
        (["alb-locked=ACE0100201"], "verify.feature.locked"),
    ])
    func aSeededFaultGivesItsCode(faults: [String], code: String) async throws {
        try await Self.withSite(faults: faults) { site in
            let (status, document, stderr) = try await site.verify()
            #expect(status == .checkFailed, "\(stderr)")
            #expect(Self.failing(document).contains { $0.code == code }, "\(code): \(Self.failing(document))")
        }
    }

    @Test func anUnreachableMeterIsExit3() async throws {
        try await Self.withSite(faults: ["meter-unreachable"]) { site in
            let (status, document, stderr) = try await site.verify()
            #expect(status == .communication, "\(stderr)")
            #expect(Self.failing(document).contains { $0.code == "verify.meter.unreachable" }, "\(Self.failing(document))")
        }
    }

    @Test func anEMSValidityShorterThanTwoWritesFails() async throws {
        try await Self.withSite(yaml: Self.emsYAML, faults: []) { site in
            let (status, document, stderr) = try await site.verify(["--ems-interval", "60"])
            #expect(status == .success, "\(Self.failing(document)) \(stderr)")
        }
        try await Self.withSite(yaml: Self.emsYAML, faults: ["ems-validity=ACE0100301=30"]) { site in
            let (status, document, stderr) = try await site.verify(["--ems-interval", "60"])
            #expect(status == .checkFailed, "\(stderr)")
            #expect(Self.failing(document).contains { $0.code == "verify.ems.validity" }, "\(Self.failing(document))")
        }
    }

    /// An EMS site whose meter this laptop does not read (it has none in the site file): the live test lowers the
    /// EMS set point and judges it on the sockets' currents; the phase mappings are a warning, not judged.
    @Test func anEMSSiteWithoutAMeterIsJudgedOnTheSockets() async throws {
        let scenario = Scenario(duration: 7200, events: [
            ScenarioEvent(at: 0, kind: .connect(.connector(station: "ACE0100301", connector: 1), EVProfile(phases: 3, minCurrent: 6, maxCurrent: 16))),
        ])
        try await Self.withSite(yaml: Self.emsYAML, scenario: scenario) { site in
            let (status, document, stderr) = try await site.verify(["--live", "--yes", "--settle", "3", "--report", "/out/ems.html"])
            #expect(status == .success, "\(Self.failing(document)) \(stderr)")
            #expect(stderr.contains("no site meter is read"), "\(stderr)")
            let html = try #require(site.files["/out/ems.html"])
            #expect(html.contains("<svg ") && !html.contains("nan") && !html.contains("inf\""), "the charts draw without a meter")
            let findings = document["findings"] as? [[String: Any]] ?? []
            func severity(_ code: String) -> String? { findings.first { $0["code"] as? String == code }?["severity"] as? String }
            #expect(severity("verify.live.limit-held") == "pass", "\(findings)")
            #expect(severity("verify.live.phase-mapping") == "warn")
            #expect(severity("verify.live.restored") == "pass")
            let samples = (document["live"] as? [String: Any])?["samples"] as? [[String: Any]] ?? []
            #expect(!samples.isEmpty && samples.allSatisfy { ($0["meter"] as? [String: Any])?.values.allSatisfy { $0 is NSNull } ?? true })
        }
    }

    /// SPEC §8: a run killed with the value lowered leaves a journal record; the next `verify` restores it first and
    /// says so (the binary's SIGKILL is Tests/Interop/test_verify_live.py; here the kill is the journal and the
    /// lowered value left as it would be).
    @Test func theNextVerifyRestoresAValueAKilledRunLeftLowered() async throws {
        try await Self.withSite { site in
            let (lowered, console) = try await site.run(["config", "set", "ACE0100201", "SmartMeter-MaxCurrent=20", "--json"] + site.connect)
            #expect(lowered == .success, "\(console.stderr)")
            let record = try #require(PendingRestore.record(for: LiveTestPlan(target: .meterMaxCurrent, station: "ACE0100201", original: 50, lowered: 20),
                                                            site: site.path, link: .ocpp, startedAt: "2026-12-06T10:00:00Z"))
            let journal = PendingRestoreJournal(path: "/state/chargectl/pending-restore.json", storage: TestEnvironment(files: site.files).withRunStorage().env.runStorage)
            try journal.record(record)
            let (status, document, stderr) = try await site.verify()
            #expect(stderr.contains("restored SmartMeter-MaxCurrent on ACE0100201 to 50 A from a verify --live run interrupted at 2026-12-06T10:00:00Z"), "\(stderr)")
            #expect(status == .success, "\(Self.failing(document))")
            #expect((document["findings"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "verify.live.restored" && $0["severity"] as? String == "pass" })
            #expect(try journal.load().pending.isEmpty)
        }
    }

    /// Ctrl-C in the middle of the settle time: the test stops, the original goes back and is read back, the journal
    /// is empty; and on a terminal without --yes a "no" lowers nothing (exit 2).
    @Test func ctrlCPutsTheOriginalBackAndANoLowersNothing() async throws {
        try await Self.withSite { site in
            let started = ContinuousClock.now
            let (status, console) = try await site.run(["verify", site.path, "--json", "--live", "--yes", "--settle", "60"] + site.connect + site.reach) { env in
                env.interrupts = CtrlC.after(.seconds(4))
            }
            #expect(ContinuousClock.now - started < .seconds(30), "the interrupt ended the 60 s test early")
            #expect(console.stderr.contains("interrupted: putting the original value back"), "\(console.stderr)")
            let document = try TestCLI.json(console.stdout)
            #expect((document["live"] as? [String: Any])?["restored"] as? Bool == true)
            #expect((document["findings"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "verify.live.restored" && $0["severity"] as? String == "pass" })
            #expect(try await site.meterMaxCurrent().flatMap(Double.init) == 50)
            let journal = PendingRestoreJournal(path: "/state/chargectl/pending-restore.json", storage: TestEnvironment(files: site.files).withRunStorage().env.runStorage)
            #expect(try journal.load().pending.isEmpty)

            let asked = RecordingConsole(isTerminal: true)
            let (refused, _) = try await site.run(["verify", site.path, "--live", "--settle", "3"] + site.connect + site.reach, console: asked) { env in
                env.readLine = { _ in "n" }
            }
            #expect(refused == .invalidInput)
            #expect(asked.stderr.contains("The live test lowers SmartMeter-MaxCurrent on ACE0100201 from 50 A to"), "\(asked.stderr)")
            #expect(!asked.stderr.contains("lowering"))
            #expect(try await site.meterMaxCurrent().flatMap(Double.init) == 50)
        }
    }

    @Test func anIdleSiteIsNoLoadUnlessAllowed() async throws {
        try await Self.withSite(evs: false) { site in
            let (idle, document, stderr) = try await site.verify(["--live", "--yes", "--settle", "1"])
            #expect(idle == .checkFailed, "\(stderr)")
            #expect(Self.failing(document).map(\.code) == ["verify.live.no-load"], "\(Self.failing(document))")
            let (allowed, allowedDocument, _) = try await site.verify(["--live", "--yes", "--settle", "1", "--allow-idle"])
            #expect(allowed == .success, "\(Self.failing(allowedDocument))")
        }
        let test = TestEnvironment().withFiles()
        #expect(try await test.run(["verify", TestCLI.example("abc-20A.yaml"), "--allow-idle", "--json"]) == .invalidInput)
        #expect(test.console.stdout.contains("verify.live-option"))
    }
}
