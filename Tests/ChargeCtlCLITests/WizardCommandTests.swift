import ChargeCtlCLI
import ChargeIO
import DNSSD
import Foundation
import StationModel
import Synchronization
import Testing

/// Issue 18: `chargectl wizard` without a terminal: `--answers` replays a session, a missing or refused answer is
/// exit 2 naming the question, no terminal and no answers is exit 64; a typed session re-asks a bad answer.
@Suite struct WizardCommandTests {
    static let answers = TestCLI.repository.appendingPathComponent("Tests/Fixtures/wizard/demo-answers.yaml").path
    static let demoSite = TestCLI.repository.appendingPathComponent("Sources/VirtualSite/Demo/virtual-demo.yaml").path

    /// The demo's four stations as their mDNS answers look (the Eve Double's model is not in the manual's table).
    static var demoDiscovery: FakeDiscoveryPort {
        func station(_ number: Int, host: String, sockets: String) -> DNSServiceInstance {
            let service = DNSSDServiceType.alfen
            return DNSServiceInstance(
                name: (try? service.prepending("ACE010020\(number)")) ?? service, serviceType: service,
                hostName: try? DNSName("\(host).local"), port: 443, ipv4Addresses: [IPv4Address(127, 0, 0, 1)],
                txt: DNSTXT(attributes: [(key: "identity", value: "ACE010020\(number)"), (key: "scnnetwork", value: ""),
                                         (key: "type", value: sockets), (key: "fwversion", value: "6.4.0-4100")]))
        }
        return FakeDiscoveryPort(instances: [
            station(1, host: "ng910-60023-0100201", sockets: "1.1"), station(2, host: "ng910-60023-0100202", sockets: "1.1"),
            station(3, host: "ng910-60023-0100203", sockets: "1.1"), station(4, host: "eve-dual-0100204", sockets: "2.1.1"),
        ])
    }

    static func environment(lines: [String]? = nil, terminal: Bool = false) -> TestEnvironment {
        var test = TestEnvironment(console: RecordingConsole(isTerminal: terminal)).withFiles().withDiscovery(demoDiscovery)
        if let lines {
            let queue = Mutex(lines[...])
            let console = test.console
            test.env.readLine = { prompt in
                console.err(prompt)
                return queue.withLock { $0.popFirst() }
            }
        }
        return test
    }

    @Test func theDemoAnswersWriteTheHandWrittenDemoSite() async throws {
        let test = Self.environment()
        let status = try await test.run(["wizard", "--answers", Self.answers, "--timeout", "0.1", "--json"])
        #expect(status == .success, "\(test.console.stderr)")
        let written = try #require(test.files["wizard-demo.yaml"])
        var site = try Site(document: YAMLDocument.parse(written, file: "wizard-demo.yaml"), file: nil)
        var demo = try SiteFiles.site(path: Self.demoSite)
        site.lines = [:]
        demo.lines = [:]
        demo.file = nil
        #expect(site == demo)
        let document = try TestCLI.json(test.console.stdout)
        #expect(document["ok"] as? Bool == true)
        #expect(document["site"] as? String == "wizard-demo.yaml")
        #expect(document["applied"] as? Bool == false)
        #expect(test.console.stderr.contains("The plan (ocpp)"), "the plan is shown before the file is written")
    }

    @Test func aMissingAnswerIsExit2NamingTheQuestion() async throws {
        let test = Self.environment()
        test.files.write("answers.yaml", "stations: ACE0100201\nlink: ocpp\n")
        let status = try await test.run(["wizard", "--answers", "answers.yaml", "--timeout", "0.1", "--json"])
        #expect(status == .invalidInput)
        let error = try #require(try TestCLI.json(test.console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "wizard.answer-missing")
        #expect((error["message"] as? String)?.contains("installation.maxCurrent") == true)
        #expect(test.files["site.yaml"] == nil)
    }

    @Test func aRefusedAnswerIsExit2WithTheSiteFilesCode() async throws {
        let test = Self.environment()
        test.files.write("answers.yaml", "stations: ACE0100201\nlink: ocpp\ninstallation.maxCurrent: 0.001\n")
        let status = try await test.run(["wizard", "--answers", "answers.yaml", "--timeout", "0.1", "--json"])
        #expect(status == .invalidInput)
        let error = try #require(try TestCLI.json(test.console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "current.below-minimum")
        #expect((error["message"] as? String)?.contains("installation.maxCurrent") == true)
    }

    @Test func withoutATerminalOrAnswersItIsExit64WithAHint() async throws {
        let test = Self.environment()
        let status = try await test.run(["wizard", "--json"])
        #expect(status == .usage)
        let error = try #require(try TestCLI.json(test.console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "wizard.no-terminal")
        #expect((error["hint"] as? String)?.contains("--answers") == true)
    }

    @Test func aTypedSessionAsksABadAnswerAgainAndGoesBack() async throws {
        let lines = ["ACE0100201", "", "Home", "", "lots", "25", "back", "32", "", "16", "", "", "", "", "", "", "no"]
        let test = Self.environment(lines: lines, terminal: true)
        let status = try await test.run(["wizard", "--timeout", "0.1"])
        #expect(status == .success, "\(test.console.stderr)")
        let stderr = test.console.stderr
        #expect(stderr.contains("[file.type]"), "the bad answer's code is shown")
        #expect(stderr.contains("(back to installation.maxCurrent)"))
        let written = try #require(test.files["site.yaml"])
        let site = try Site(document: YAMLDocument.parse(written, file: "site.yaml"), file: nil)
        #expect(site.installation.maxCurrent == 32)
        #expect(site.stations.map(\.maxCurrent) == [16])
        #expect(test.console.stdout.contains("Not applied"))
    }

    /// `--scan CIDR` probes the network as `discover --scan` does: a station found only by its open ports is in the
    /// table and, once mDNS names it, its address is known and not asked.
    @Test func scanFindsStationsMDNSMissesAndTheirAddressIsNotAsked() async throws {
        let fake = FakeDiscoveryPort(instances: [FakeDiscoveryPort.station("ACE0000001", IPv4Address(192, 168, 9, 7), object: "2000001")],
                                     hits: [TCPScanHit(address: IPv4Address(192, 168, 9, 7), openPorts: [443, 502]),
                                            TCPScanHit(address: IPv4Address(192, 168, 9, 100), openPorts: [443])])
        let test = TestEnvironment().withFiles().withDiscovery(fake)
        test.files.write("answers.yaml", """
            stations: ACE0000001
            link: ocpp
            installation.maxCurrent: 25
            station.ACE0000001.maxCurrent: 16
            file: scanned.yaml
            apply: no

            """)
        let status = try await test.run(["wizard", "--answers", "answers.yaml", "--scan", "192.168.9.0/24", "--timeout", "0.1", "--json"])
        #expect(status == .success, "\(test.console.stderr)")
        #expect(fake.asked.contains { $0.hasPrefix("scan 254 hosts") }, "\(fake.asked)")
        #expect(test.console.stderr.contains("192.168.9.100"), "the scan-only hit is listed: \(test.console.stderr)")
        let written = try #require(test.files["scanned.yaml"])
        let site = try Site(document: YAMLDocument.parse(written, file: "scanned.yaml"), file: nil)
        #expect(site.stations.map(\.host) == ["192.168.9.7"])

        let (bad, badConsole) = try await TestCLI.run(["wizard", "--answers", "answers.yaml", "--scan", "192.168.9.0/33", "--json"], discovery: fake)
        #expect(bad == .invalidInput || bad == .usage, "\(badConsole.stdout)")
    }

    @Test func endOfInputQuitsWithNothingWritten() async throws {
        let test = Self.environment(lines: ["ACE0100201"], terminal: true)
        let status = try await test.run(["wizard", "--timeout", "0.1"])
        #expect(status == .success)
        #expect(test.console.stderr.contains("Quit: no site file was written"))
        #expect(test.files.paths.isEmpty)
    }
}
