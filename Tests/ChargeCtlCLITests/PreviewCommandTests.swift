import ChargeCtlCLI
import Foundation
import Testing

/// `chargectl preview` end to end in-process: files in, the SPEC §2/§7 JSON document or text out.
@Suite struct PreviewCommandTests {
    @Test func jsonHasTheSpecShape() async throws {
        let (status, console, _) = try await TestCLI.run(["preview", TestCLI.example("plaza-24A-six.yaml"),
                                                          "--scenario", TestCLI.example("plaza-24A-six.scenario.yaml"), "--json"])
        #expect(status == .success)
        #expect(console.stderr.isEmpty)
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == true)
        let intervals = try #require(document["intervals"] as? [[String: Any]])
        #expect(intervals.count > 5)
        for interval in intervals {
            #expect(Set(interval.keys).isSuperset(of: ["from", "to", "sockets", "phaseLoad", "available"]))
            let sockets = try #require(interval["sockets"] as? [String: [String: Any]])
            #expect(Set(sockets.keys) == Set((0..<6).map(String.init)))
            for socket in sockets.values {
                let state = try #require(socket["state"] as? String)
                #expect(["idle", "probing", "charging", "paused", "safe", "finished"].contains(state))
                #expect(socket["current"] is Double || socket["current"] is Int)
                #expect(socket["phases"] is [String])
            }
            // A 1-phase site reports L1 only.
            #expect((interval["phaseLoad"] as? [String: Double]).map { Array($0.keys) } == ["L1"])
        }
        // The golden moment: at 1260 s ids 0 and 1 paused, 2-5 at 6 A, 24 A in use of 24 A available.
        let at1260 = try #require(intervals.first { ($0["from"] as! Double) <= 1260 && 1260 < ($0["to"] as! Double) })
        let sockets = at1260["sockets"] as! [String: [String: Any]]
        #expect(sockets["0"]?["state"] as? String == "paused")
        #expect(sockets["2"]?["current"] as? Double == 6)
        #expect((at1260["phaseLoad"] as? [String: Double])?["L1"] == 24)
        #expect((at1260["available"] as? [String: Double])?["L1"] == 24)

        let summary = try #require(document["summary"] as? [String: Any])
        let totals = try #require(summary["sockets"] as? [String: [String: Double]])
        #expect(Set(totals["0"]!.keys) == ["energyKWh", "chargingSeconds", "pausedSeconds"])
        #expect(summary["peakPhaseLoad"] is [String: Double])
        #expect((summary["limit"] as? [String: Double])?["L1"] == 100)
        #expect(summary["findings"] is [Any])
        // Paused time and charging time add up to the time each socket was occupied.
        #expect(abs(totals["0"]!["chargingSeconds"]! + totals["0"]!["pausedSeconds"]! - 3600) < 0.01)
    }

    @Test func invalidSiteExitsTwoWithOneJSONDocument() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-site-\(UUID()).yaml").path
        try "installation: { phases: 3, maxCurrent: 40 }\nstations: [{id: A, maxCurent: 32, sockets: [{maxCurrent: 16}]}]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, console, _) = try await TestCLI.run(["preview", path, "--json"])
        #expect(status == .invalidInput)
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == false)
        let error = try #require(document["error"] as? [String: String])
        #expect(error["code"] == "file.unknown-key")
        #expect(error["message"]?.contains("stations[0].maxCurent") == true)
        #expect(error["message"]?.contains(#"did you mean "maxCurrent"?"#) == true)
        #expect(console.stderr.contains("error:"))
    }

    @Test func missingFileIsInvalidInput() async throws {
        let (status, console, _) = try await TestCLI.run(["preview", "/nonexistent/site.yaml"])
        #expect(status == .invalidInput)
        #expect(console.stdout.isEmpty)
        #expect(console.stderr.contains("/nonexistent/site.yaml"))
    }

    @Test func withoutScenarioEverySocketGetsAnEVSeventySecondsApart() async throws {
        let (status, console, _) = try await TestCLI.run(["preview", TestCLI.example("rotation-3x20A.yaml"), "--json"])
        #expect(status == .success)
        let intervals = try #require(try TestCLI.json(console.stdout)["intervals"] as? [[String: Any]])
        #expect(intervals.last?["to"] as? Double == 7200)
        let probingStarts = [0.0, 70, 140].map { time in
            intervals.first { ($0["from"] as! Double) == time }.map { ($0["sockets"] as! [String: [String: Any]]) }
        }
        // 3-phase EVs on the recommended rotation: A L1L2L3, B L3L1L2, C L2L3L1.
        let rotation = [["L1", "L2", "L3"], ["L3", "L1", "L2"], ["L2", "L3", "L1"]]
        for (index, sockets) in probingStarts.enumerated() {
            #expect(sockets?[String(index)]?["state"] as? String == "probing")
            #expect(sockets?[String(index)]?["phases"] as? [String] == rotation[index])
        }
    }

    /// Every shipped example previews cleanly with its scenarios.
    @Test func everyExamplePreviews() async throws {
        let directory = TestCLI.repository.appendingPathComponent("Docs/examples")
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".scenario.yaml") }
        #expect(scenarios.count >= 6)
        for scenario in scenarios {
            let site = scenario.replacingOccurrences(of: #"(\.case\d)?\.scenario\.yaml$"#, with: ".yaml", options: .regularExpression)
            let (status, console, files) = try await TestCLI.run(["preview", TestCLI.example(site), "--scenario", TestCLI.example(scenario),
                                                                  "--svg", "/out/chart.svg"])
            #expect(status == .success, "\(scenario): \(console.stderr)")
            #expect(!console.stdout.isEmpty)
            #expect(files["/out/chart.svg"]?.contains("<svg") == true)
        }
    }
}
