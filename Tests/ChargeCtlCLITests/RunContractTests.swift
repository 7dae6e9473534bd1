@testable import ChargeCtlCLI
@testable import ChargeIO
import ChargeTestSupport
import Foundation
import Testing

/// The run's contract on the command line (issue 13): what cannot be sent is refused before anything is, and a
/// resume is held to the same rules as the run.
@Suite struct RunContractTests {
    static func site(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID()).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [[], ["--dry-run"]])
    func aValueTheWireCannotCarryIsExit2BeforeAnythingIsSent(_ mode: [String]) async throws {
        let station = ScriptedStation("A", values: LiveCommandTests.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        let (status, console) = try await live.run(["alb", "configure", "A", "--source", "p1", "--max-current", "100000", "--json"] + mode)
        #expect(status == .invalidInput, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == false)
        let error = try #require(document["error"] as? [String: Any])
        #expect(error["code"] as? String == "current.above-range")
        #expect((error["message"] as? String)?.contains("--max-current") == true, "the flag the user typed is named")
        #expect(console.stdout.split(separator: "\n").count == 1, "one JSON document")
        #expect(station.writtenKeys.isEmpty && live.directory.configurations.isEmpty, "nothing sent, no central system started")
    }

    @Test func aStationWhoseFeatureIsLockedIsExit2WithNothingWritten() async throws {
        let station = ScriptedStation("A", values: LiveCommandTests.unlicensed)
        let (status, console) = try await LiveCLI(ScriptedDirectory([station])).run(
            ["alb", "configure", "A", "--source", "p1", "--max-current", "40", "--json"])
        #expect(status == .invalidInput, "\(console.stderr)")
        let result = try #require((try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])?.first)
        #expect((result["error"] as? [String: Any])?["code"] as? String == "feature.locked")
        #expect(station.writtenKeys.isEmpty && station.snapshot.resets.isEmpty)
    }

    @Test func restoringAnotherStationsBackupNeedsForce() async throws {
        let source = ScriptedStation("A", values: LiveCommandTests.base)
        let live = LiveCLI(ScriptedDirectory([source]))
        let (backedUp, backupConsole) = try await live.run(["config", "backup", "A", "--json"])
        #expect(backedUp == .success, "\(backupConsole.stderr)")
        let path = try #require(try TestCLI.json(backupConsole.stdout)["path"] as? String)
        source.update { $0.values["Station-MaxCurrent"] = "10" }

        let other = ScriptedStation("B", values: LiveCommandTests.base.merging(["Station-MaxCurrent": "10"]) { $1 })
        let target = LiveCLI(ScriptedDirectory([other]), files: live.files)
        let (refused, console) = try await target.run(["config", "restore", "B", path, "--json"])
        #expect(refused == .invalidInput)
        #expect((try TestCLI.json(console.stdout)["error"] as? [String: Any])?["code"] as? String == "backup.other-station")
        #expect(other.writtenKeys.isEmpty && target.directory.configurations.isEmpty)

        let (forced, forcedConsole) = try await target.run(["config", "restore", "B", path, "--force", "--json"])
        #expect(forced == .success, "\(forcedConsole.stderr)")
        #expect(other.snapshot.values["Station-MaxCurrent"] == "16")
    }

    @Test func aResumeWithoutTheSiteAuthenticatesItsStationsAsTheRunDid() async throws {
        let path = try Self.site("""
            installation: { phases: 1, maxCurrent: 20 }
            scn: { name: AB, socketSafeCurrent: 6, alternatingPeriod: 900 }
            stations:
              - { id: A, maxCurrent: 32, ocppPassword: { env: PW_A }, sockets: [{ maxCurrent: 32 }] }
              - { id: B, maxCurrent: 32, ocppPassword: { env: PW_B }, sockets: [{ maxCurrent: 32 }] }
            """)
        let stations = LiveCommandTests.stations("A", "B")
        stations[1].update { $0.dropAfterWrites = 2 }
        let live = LiveCLI(ScriptedDirectory(stations))
        let secrets = ["PW_A": "right-a", "PW_B": "right-b"]
        let (status, console) = try await live.run(["apply", path, "--json"], variables: secrets)
        #expect(status == .communication, "\(console.stderr)")
        let runID = try #require(try TestCLI.json(console.stdout)["run"] as? String)
        #expect(!(live.files.paths.compactMap { live.files[$0] }.joined().contains("right-")), "no password stored")

        stations[1].update { $0.online = true; $0.dropAfterWrites = nil; $0.generation += 1 }
        let (unset, unsetConsole) = try await live.run(["apply", "--resume", runID, "--json"])
        #expect(unset == .invalidInput, "the password's source is not set: refused, not accepted blindly")
        #expect((try TestCLI.json(unsetConsole.stdout)["error"] as? [String: Any])?["code"] as? String == "secret.env-missing")

        let (resumed, resumedConsole) = try await live.run(["apply", "--resume", runID, "--json"], variables: secrets)
        #expect(resumed == .success, "\(resumedConsole.stderr)")
        let configuration = try #require(live.directory.configurations.last)
        #expect(configuration.passwords == secrets.reduce(into: [:]) { $0[String($1.key.suffix(1))] = $1.value })
        #expect(!configuration.acceptAny && configuration.stations == ["A", "B"])
        let policy = HandshakePolicy(stations: configuration.stations, acceptAny: configuration.acceptAny, passwords: configuration.passwords)
        let wrong = BasicAuthorization(user: "B", password: "guess").headerValue
        var headers = HTTPHeadersForTest.make(authorization: wrong)
        #expect(policy.decide(uri: "/ocpp/B", headers: headers) == .refuse(.wrongCredentials("B")))
        headers = HTTPHeadersForTest.make(authorization: BasicAuthorization(user: "B", password: "right-b").headerValue)
        #expect(policy.decide(uri: "/ocpp/B", headers: headers) == .accept(identity: "B"))
    }

    @Test func aDamagedJournalLineIsRefusedWithItsNumber() async throws {
        let stations = LiveCommandTests.stations("A")
        stations[0].update { $0.dropAfterWrites = 1 }
        let live = LiveCLI(ScriptedDirectory(stations))
        let (_, console) = try await live.run(["config", "set", "A", "Station-MaxCurrent=20", "Connector1-MaxCurrent=20", "--json"])
        let runID = try #require(try TestCLI.json(console.stdout)["run"] as? String)
        let journal = try #require(live.files.paths.first { $0.hasSuffix("\(runID)/journal.jsonl") })
        var lines = (live.files[journal] ?? "").split(separator: "\n").map(String.init)
        lines[1] = "{\"station\": \"A\", \"event\": {\"wro"
        live.files.write(journal, lines.joined(separator: "\n") + "\n")
        stations[0].update { $0.online = true; $0.dropAfterWrites = nil }
        let (status, resumed) = try await live.run(["apply", "--resume", runID, "--json"])
        #expect(status == .invalidInput)
        let error = try #require(try TestCLI.json(resumed.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "run.journal-damaged" && (error["message"] as? String)?.contains("line 2") == true)
        #expect(stations[0].writtenKeys == ["Station-MaxCurrent"], "nothing sent again")
    }
}

import NIOHTTP1

enum HTTPHeadersForTest {
    static func make(authorization: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Sec-WebSocket-Protocol", value: "ocpp1.6")
        headers.add(name: "Authorization", value: authorization)
        return headers
    }
}

/// SPEC §3: `scn create` over members of another SCN needs every member of it in the run, or `--leave`.
@Suite struct SCNPreflightCLITests {
    @Test func membersOfAnotherSCNAreRefusedUnlessLeaveIsGiven() async throws {
        let stations = LiveCommandTests.stations("A", "B")
        // A is in OLD with a station C that is not in this run.
        stations[0].update { $0.values["SCN-NetworkName"] = "OLD"; $0.values["SCN-SocketCount"] = "2" }
        let live = LiveCLI(ScriptedDirectory(stations))
        let arguments = ["scn", "create", "--name", "NEW", "--station", "A", "--station", "B", "--total-current", "32", "--phases", "1", "--json"]
        let (status, console) = try await live.run(arguments)
        #expect(status == .invalidInput, "\(console.stderr)")
        let results = try #require(try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])
        #expect(results.map { ($0["error"] as? [String: Any])?["code"] as? String } == ["scn.other-members", "scn.other-members"])
        #expect(stations.allSatisfy { $0.writtenKeys.isEmpty }, "nothing written on any member")

        let (left, leftConsole) = try await live.run(arguments + ["--leave"])
        #expect(left == .success, "\(leftConsole.stderr)")
        #expect(stations.allSatisfy { $0.snapshot.values["SCN-NetworkName"] == "NEW" })
    }
}
