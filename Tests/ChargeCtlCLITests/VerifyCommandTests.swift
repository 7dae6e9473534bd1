import AllocationCore
@testable import ChargeCtlCLI
import ChargeIO
import ChargeTestSupport
import Foundation
import StationModel
import Testing
import VirtualSite

/// SPEC §8 end to end on an in-process virtual site (loopback only): after `apply` the site passes `verify`
/// (exit 0); one setting changed afterwards is `verify.setting.differs` (exit 1); the report is written in both
/// formats without a secret or an address to fetch.
@Suite(.serialized) struct VerifyCommandTests {
    static let ids = ["ACE0001791", "ACE0001792"]

    static let siteYAML = """
        site: Verify loopback
        installation: { phases: 3, maxCurrent: 40 }
        scn: { name: VERIFY1, socketSafeCurrent: 6, alternatingPeriod: 900 }
        alb:
          source: modbus-tcp
          maxCurrent: 50
          safeCurrent: 16
          includesChargers: true
          station: \(ids[0])
          meter: { host: 127.0.0.1, port: 502, unit: 5, preset: socomec-countis-e27 }
        stations:
          - { id: \(ids[0]), host: 127.0.0.1, model: NG910-60023, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }
          - { id: \(ids[1]), host: 127.0.0.1, phases: 3, maxCurrent: 32, sockets: [{ maxCurrent: 32 }, { maxCurrent: 32 }] }

        """

    @Test func aCommissionedSitePassesAndAChangedSettingFails() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID()).yaml").path
        try Self.siteYAML.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let site = try SiteFiles.site(path: path)
        let central = try await CentralSystem.start(CentralSystemConfiguration(
            host: "127.0.0.1", port: 0, stations: Set(Self.ids), callTimeout: .seconds(10), handshakeTimeout: .seconds(5)))
        let shared = SharedStationDirectory(central)
        let virtual: RunningVirtualSite
        do {
            virtual = try await VirtualSiteRunner.start(site: site, scenario: nil, ocppURL: "ws://\(central.listeningAddress)/ocpp",
                                                        options: VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil,
                                                                                    unlockedFeatures: 0x5))
        } catch {
            await central.shutdown()
            throw error
        }
        let files = RecordingFiles()
        func run(_ arguments: [String]) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
            let test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state"], files: files).withRunStorage().withLoopbackModbus()
                .withCentralSystem { _ in shared }
            return (try await test.run(arguments), test.console)
        }
        let connect = ["--listen", central.listeningAddress, "--wait", "30"]
        let reach = virtual.stations.flatMap { ["--modbus", "\($0.identity)=127.0.0.1:\($0.modbusPort)"] }
            + ["--meter", "127.0.0.1:\(virtual.meter.port)", "--mdns-timeout", "0"]
        do {
            let (applied, applyConsole) = try await run(["apply", path, "--json"] + connect)
            #expect(applied == .success, "\(applyConsole.stderr)")

            let (passed, passConsole) = try await run(["verify", path, "--json", "--report", "/out/report.html"] + connect + reach)
            #expect(passed == .success, "\(passConsole.stdout)\n\(passConsole.stderr)")
            let document = try TestCLI.json(passConsole.stdout)
            #expect(document["ok"] as? Bool == true)
            let findings = try #require(document["findings"] as? [[String: Any]])
            #expect(findings.allSatisfy { $0["severity"] as? String != "fail" }, "\(findings)")
            #expect(findings.contains { $0["code"] as? String == "verify.setting.differs" && $0["severity"] as? String == "pass" })
            #expect(findings.contains { $0["code"] as? String == "verify.meter.implausible" && $0["severity"] as? String == "pass" })
            let stations = try #require(document["stations"] as? [[String: Any]])
            #expect(stations.map { $0["id"] as? String } == Self.ids)
            #expect(stations.allSatisfy { ($0["settings"] as? [String: Any])?["Station-MaxCurrent"] != nil })
            #expect(stations.allSatisfy { ($0["features"] as? [String]) == ["scn", "alb"] })
            let readings = try #require(document["readings"] as? [String: Any])
            #expect((readings["meter"] as? [String: Any])?["voltage"] != nil)
            #expect((readings["sockets"] as? [[String: Any]])?.count == 3)
            #expect(document["live"] is NSNull)
            #expect(document["report"] as? String == "/out/report.html")
            // The report: self-contained, with the findings table and the JSON's checksum, no secret, no address.
            let html = try #require(files["/out/report.html"])
            #expect(html.contains("<table id=\"findings\">") && html.contains("verify.scn.socket-count"))
            #expect(html.contains("@page") && html.contains(Self.sha256(passConsole.stdout)))
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
            #expect(!html.contains("Optional("), "the meter's preset and unit are printed as values")

            // One setting changed behind the plan's back.
            let (changed, changeConsole) = try await run(["config", "set", Self.ids[1], "Station-MaxCurrent=20", "--json"] + connect)
            #expect(changed == .success, "\(changeConsole.stderr)")
            let (failed, failConsole) = try await run(["verify", path, "--report", "/out/report.md"] + connect + reach)
            #expect(failed == .checkFailed, "\(failConsole.stdout)\n\(failConsole.stderr)")
            #expect(failConsole.stdout.contains("FAIL  verify.setting.differs  \(Self.ids[1]): Station-MaxCurrent"), "\(failConsole.stdout)")
            let markdown = try #require(files["/out/report.md"])
            #expect(markdown.contains("| FAIL | verify.setting.differs |"))
        } catch {
            await virtual.stop()
            await central.shutdown()
            throw error
        }
        await virtual.stop()
        await central.shutdown()
    }

    @Test func anUnreachableStationAndMeterAreExit3WithTheRestChecked() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID()).yaml").path
        try Self.siteYAML.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let test = TestEnvironment(files: RecordingFiles()).withFiles().withCentralSystem { ScriptedDirectory([]).started(with: $0) }
        let status = try await test.run(["verify", path, "--json", "--wait", "0.2", "--mdns-timeout", "0"])
        #expect(status == .communication, "\(test.console.stderr)")
        let document = try TestCLI.json(test.console.stdout)
        #expect(document["ok"] as? Bool == false)
        let codes = (document["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "fail" }.compactMap { $0["code"] as? String }
        #expect(codes.filter { $0 == "verify.station.offline" }.count == 2)
        #expect(codes.contains("verify.meter.unreachable"))
    }

    @Test func aReportThatIsNeitherHTMLNorMarkdownIsExit2BeforeAnythingIsRead() async throws {
        let test = TestEnvironment(files: RecordingFiles()).withFiles()
        let status = try await test.run(["verify", TestCLI.example("abc-20A.yaml"), "--report", "out.pdf", "--json"])
        #expect(status == .invalidInput)
        #expect(test.console.stdout.contains("verify.report-format"))
    }

    /// With a live result the report draws its charts (SPEC §8): the meter per phase against the limit, and each
    /// socket measured beside its prediction; the Markdown says where they are.
    @Test func theLiveTestsChartsAreDrawnInline() throws {
        let site = try SiteFiles.site(path: TestCLI.example("abc-20A.yaml"))
        let plan = try SitePlanner.plan(site)
        let samples = (0..<30).map { second in
            VerifyLiveResult.Sample(t: Double(second), meter: [second < 10 ? 30 : 18, 12, 9], sockets: [0: second < 10 ? 16 : 8, 1: 6])
        }
        let live = VerifyLiveResult(limit: 20, original: 40, restored: true, samples: samples,
                                    predicted: [VerifyLiveResult.Sample(t: 0, sockets: [0: 16, 1: 6]), VerifyLiveResult.Sample(t: 10, sockets: [0: 8, 1: 6])])
        let reads = VerifyReads(stations: [], status: [:], meter: nil, meterReading: .none, advertised: [])
        let result = VerifyResult(site: site, sitePath: "site.yaml", link: .ocpp, plan: plan, aliases: .none, reads: reads,
                                  findings: [], live: live, reportPath: "r.html")
        let document = VerifyDocument(result, .init(date: Date(timeIntervalSince1970: 0), version: "0.1.0", jsonSHA256: "00"))
        let html = VerifyHTML.render(document)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        #expect(html.contains("class=\"limit\"") && html.contains("stroke-dasharray=\"4 3\"") && html.contains("<title>socket 1 predicted</title>"))
        #expect(html.contains("lowered to 20 A per phase from 40 A") && !html.contains("http"))
        #expect(VerifyMarkdown.render(document).contains("*Chart: Meter current per phase against the lowered limit"))
        let json = try TestCLI.json(try ReportOutput.encode(VerifyReport(result: result)))
        let encoded = try #require(json["live"] as? [String: Any])
        #expect(encoded["limit"] as? Double == 20 && encoded["restored"] as? Bool == true)
        let first = try #require((encoded["samples"] as? [[String: Any]])?.first)
        #expect((first["meter"] as? [String: Any])?["L1"] as? Double == 30 && (first["sockets"] as? [String: Any])?["0"] as? Double == 16)
    }

    static func sha256(_ text: String) -> String { VerifyOutput.checksum(text) }
}
