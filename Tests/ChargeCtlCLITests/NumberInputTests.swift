import ChargeCtlCLI
import Foundation
import Testing

/// Issue 14 item 1: no number from a file or a flag crashes a command. Each case is exit 2 with a stable code that
/// names the field, and with `--json` exactly one failure document (SPEC §1, §3).
@Suite struct NumberInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        /// The site file; `%SCENARIO%` in `arguments` is replaced by the scenario's path.
        var site: String
        var scenario: String?
        var arguments: [String]
        var code: String
        /// Text the message or the field path must hold (the field named).
        var field: String
        var description: String { name }
    }

    static func site(installation: String = "40", station: String = "32", socket: String = "32", extra: String = "") -> String {
        """
        site: Numbers
        installation: { phases: 3, maxCurrent: \(installation) }
        stations:
          - id: ACE0001
            maxCurrent: \(station)
        \(extra)    sockets: [{ maxCurrent: \(socket) }]

        """
    }

    static func twoStations(safe: String = "6", socketID: String = "1") -> String {
        """
        site: Numbers
        installation: { phases: 3, maxCurrent: 40 }
        scn: { name: PLAZA1, socketSafeCurrent: \(safe) }
        stations:
          - { id: A, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }
          - { id: B, maxCurrent: 32, socketId: \(socketID), sockets: [{ maxCurrent: 32 }] }

        """
    }

    static let cases: [Case] = [
        Case(name: "plan: station maxCurrent 99999999999999999999", site: site(station: "99999999999999999999"),
             arguments: ["plan", "%SITE%"], code: "current.above-range", field: "stations[0].maxCurrent"),
        Case(name: "preview: installation maxCurrent 1e308", site: site(installation: "1e308"),
             arguments: ["preview", "%SITE%"], code: "current.above-range", field: "installation.maxCurrent"),
        Case(name: "preview: socket maxCurrent 0.001 is refused, not 0", site: site(socket: "0.001"),
             arguments: ["preview", "%SITE%"], code: "current.below-minimum", field: "stations[0].sockets[0].maxCurrent"),
        Case(name: "plan: safe current 0.001 is refused, not written as 0", site: twoStations(safe: "0.001"),
             arguments: ["plan", "%SITE%"], code: "current.resolution", field: "scn.socketSafeCurrent"),
        Case(name: "plan: socketId Int.max", site: twoStations(socketID: "9223372036854775807"),
             arguments: ["plan", "%SITE%"], code: "scn.socket-id-range", field: "stations[1].socketId"),
        Case(name: "scn create --total-current 1e300", site: "",
             arguments: ["scn", "create", "--name", "PLAZA1", "--station", "A", "--station", "B", "--total-current", "1e300", "--dry-run"],
             code: "current.above-range", field: "--total-current"),
        Case(name: "scn create --total-current nan", site: "",
             arguments: ["scn", "create", "--name", "PLAZA1", "--station", "A", "--total-current", "nan", "--dry-run"],
             code: "current.not-finite", field: "--total-current"),
        Case(name: "scn create --alternating-period 1e300", site: "",
             arguments: ["scn", "create", "--name", "PLAZA1", "--station", "A", "--total-current", "40", "--alternating-period", "1e300", "--dry-run"],
             code: "scn.alternating-period", field: "--alternating-period"),
        Case(name: "preview --scenario: duration 1e300", site: site(), scenario: "duration: 1e300\nevents: []",
             arguments: ["preview", "%SITE%", "--scenario", "%SCENARIO%"], code: "scenario.time-range", field: "duration"),
        Case(name: "preview --scenario: duration of 400 digits in hours", site: site(),
             scenario: "duration: \(String(repeating: "9", count: 400))h\nevents: []",
             arguments: ["preview", "%SITE%", "--scenario", "%SCENARIO%"], code: "scenario.time-range", field: "duration"),
        Case(name: "preview --scenario: an event at 367 days", site: site(),
             scenario: "duration: 2h\nevents:\n  - at: 367d\n    meterOffline: true",
             arguments: ["preview", "%SITE%", "--scenario", "%SCENARIO%"], code: "scenario.time-range", field: "events[0].at"),
        Case(name: "preview --scenario: a load of 1e308 A", site: site(),
             scenario: "duration: 2h\nevents:\n  - at: 0s\n    load: { L1: 1e308 }",
             arguments: ["preview", "%SITE%", "--scenario", "%SCENARIO%"], code: "scenario.current-range", field: "events[0].load.L1"),
        Case(name: "preview --scenario: an EV of 1e300 kWh", site: site(),
             scenario: "duration: 2h\nevents:\n  - at: 0s\n    connect: { socket: 0, energy: 1e300 }",
             arguments: ["preview", "%SITE%", "--scenario", "%SCENARIO%"], code: "scenario.ev-energy", field: "events[0].connect.energy"),
        Case(name: "preview --scenario: an overdraw of 1e300 A", site: site(),
             scenario: "duration: 2h\nevents:\n  - at: 0s\n    overdraw: { socket: 0, current: 1e300 }",
             arguments: ["preview", "%SITE%", "--scenario", "%SCENARIO%"], code: "scenario.current-range", field: "events[0].overdraw.current"),
    ]

    /// Runs a case in text mode and in JSON mode: exit 2 both times, the code in the one JSON document.
    @Test(arguments: cases)
    func exitsTwoWithTheCodeAndTheField(_ testCase: Case) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("numbers-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sitePath = directory.appendingPathComponent("site.yaml").path
        let scenarioPath = directory.appendingPathComponent("scenario.yaml").path
        try testCase.site.write(toFile: sitePath, atomically: true, encoding: .utf8)
        if let scenario = testCase.scenario { try scenario.write(toFile: scenarioPath, atomically: true, encoding: .utf8) }
        let arguments = testCase.arguments.map { $0 == "%SITE%" ? sitePath : $0 == "%SCENARIO%" ? scenarioPath : $0 }

        let text = try await TestCLI.run(arguments)
        #expect(text.status == .invalidInput)
        #expect(text.console.stderr.contains(testCase.field))

        let json = try await TestCLI.run(arguments + ["--json"])
        #expect(json.status == .invalidInput)
        let document = try TestCLI.json(json.console.stdout)
        #expect(document["ok"] as? Bool == false)
        let error = try #require(document["error"] as? [String: Any])
        #expect(error["code"] as? String == testCase.code)
        #expect((error["message"] as? String)?.contains(testCase.field) == true)
        // One document: nothing after it.
        #expect(json.console.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
    }
}
