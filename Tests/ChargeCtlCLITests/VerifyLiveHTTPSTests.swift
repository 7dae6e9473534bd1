import AllocationCore
@testable import ChargeCtlCLI
import ChargeIO
import Foundation
import StationModel
import Testing
import VirtualSite

/// `verify --live --via https` on a P1 site (SPEC §8): the laptop reaches no meter, so the live test reads the meter
/// as the ALB station reads it (`5221_A`–`C`) through the same HTTPS session that lowers and restores
/// `SmartMeter-MaxCurrent`. A virtual station on its own 127.0.5.x address with an EV charging, over real TLS.
@Suite(.serialized) struct VerifyLiveHTTPSTests {
    static let id = "ACE0105071"
    static let host = "127.0.5.71"
    static let password = "verify-live-https-pw"

    static func yaml(port: Int) -> String {
        """
        site: Verify P1 over HTTPS
        installation: { phases: 3, maxCurrent: 40 }
        alb: { source: p1, maxCurrent: 40, safeCurrent: 6, includesChargers: true }
        stations:
          - { id: \(id), host: "\(host):\(port)", model: NG910-60023, maxCurrent: 32, httpsPassword: { env: P1_HTTPS_PW }, sockets: [{ maxCurrent: 32 }] }

        """
    }

    static let scenario = Scenario(duration: 7200, events: [
        ScenarioEvent(at: 0, kind: .load(PhaseCurrents(l1: 8, l2: 6, l3: 5))),
        ScenarioEvent(at: 0, kind: .connect(.connector(station: id, connector: 1), EVProfile(phases: 3, minCurrent: 6, maxCurrent: 16))),
    ])

    @Test func theLiveTestReadsAP1MeterThroughTheStationAndPasses() async throws {
        let probe = CLIEnvironment(console: RecordingConsole())
        guard let security = VirtualSiteHTTPS.security(probe) else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("verify-live-https-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("site.yaml").path
        try Self.yaml(port: 0).write(toFile: path, atomically: true, encoding: .utf8)

        var options = VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil, unlockedFeatures: 0x5)
        options.httpsSecurity = security
        options.httpsPasswords = [Self.id: Self.password]
        // Two minutes in: the EV has probed and charges (SPEC §4 rule 1).
        options.startAt = 120
        let virtual = try await VirtualSiteRunner.start(site: try SiteFiles.site(path: path), scenario: Self.scenario,
                                                        ocppURL: "ws://127.0.0.1:9/ocpp", options: options)
        do {
            try await liveTest(virtual, path: path, scratch: scratch)
        } catch {
            await virtual.stop()
            throw error
        }
        await virtual.stop()
    }

    func liveTest(_ virtual: RunningVirtualSite, path: String, scratch: URL) async throws {
        let station = try #require(virtual.stations.first)
        try Self.yaml(port: try #require(station.httpsPort)).write(toFile: path, atomically: true, encoding: .utf8)
        let variables = ["XDG_STATE_HOME": scratch.appendingPathComponent("state").path, "P1_HTTPS_PW": Self.password]
        let files = RecordingFiles()
        func run(_ arguments: [String]) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
            let console = RecordingConsole()
            var test = TestEnvironment(variables: variables, console: console, files: files).withRunStorage().withLoopbackModbus()
            test.env.httpsLink = HTTPSLinks.live(console: console, variables: variables)
            test.env.stopRequests = { AsyncStream { _ in } }
            return (try await test.run(arguments), console)
        }
        let (applied, applyConsole) = try await run(["apply", path, "--via", "https", "--yes", "--wait", "30", "--json"])
        #expect(applied == .success, "\(applyConsole.stdout)\n\(applyConsole.stderr)")

        let (live, console) = try await run(["verify", path, "--via", "https", "--live", "--yes", "--settle", "3", "--json",
                                             "--modbus", "\(Self.id)=127.0.0.1:\(station.modbusPort)", "--mdns-timeout", "0", "--wait", "30"])
        let document = try TestCLI.json(console.stdout)
        let findings = document["findings"] as? [[String: Any]] ?? []
        let failing = findings.filter { $0["severity"] as? String == "fail" }.map { "\($0["code"] ?? ""): \($0["message"] ?? "")" }
        #expect(live == .success, "\(failing)\n\(console.stderr)")
        #expect(console.stderr.contains("reading the meter as \(Self.id) reads it"), "\(console.stderr)")
        for code in ["verify.live.limit-held", "verify.live.restored"] {
            #expect(findings.contains { $0["code"] as? String == code && $0["severity"] as? String == "pass" }, "\(code): \(findings)")
        }
        #expect(!findings.contains { $0["code"] as? String == VerifyLive.notRun }, "\(findings)")
        let liveDocument = try #require(document["live"] as? [String: Any])
        #expect((liveDocument["samples"] as? [Any])?.isEmpty == false, "\(liveDocument.keys)")
    }
}
