@testable import ChargeCtlCLI
import ChargeIO
import ChargeTestSupport
import Foundation
import Synchronization
import Testing

/// Every live command in-process against a scripted station directory: SPEC §7's JSON, SPEC §1's exit codes, and
/// several commands one after another against one shared directory (what `demo` does).
@Suite struct LiveCommandTests {
    static let base: [String: String] = [
        "Station-MaxCurrent": "16", "Connector1-MaxCurrent": "16", "Connector2-MaxCurrent": "16",
        "SCN-IsEnabled": "False", "SCN-NetworkName": "", "SCN-SocketID": "0", "SCN-SocketCount": "1",
        "SCN-TotalStaticCurrent": "0", "SCN-SocketSafeCurrent": "6", "SCN-AlternatingPeriod": "900",
        "SCN-PhaseMapping-1": "1", "SCN-PhaseMapping-2": "0", "Active-LoadBalancing": "Off", "SmartCharging-Mode": "None",
        "SmartMeter-MaxCurrent": "25", "SmartMeterIncludesCharger": "False", "Safe-MaxCurrent": "6", "Phase-Connected": "L1L2L3",
        "ALB-ProtocolSelection": "DSMR4.x/SMR5.0 (P1)", "RJ11-Mode": "DSMR P1",
        "AuthorizationKey": "0123456789abcdef", "UnlockedFeatures": "5", "HeartbeatInterval": "300",
    ]
    static let licence = "1a2b3c4d5e6f7a8b9c0d1e2f"

    static func stations(_ ids: String...) -> [ScriptedStation] { ids.map { ScriptedStation($0, values: base) } }
    /// A factory-fresh station: no feature licensed yet.
    static let unlicensed = base.merging(["UnlockedFeatures": "0"]) { $1 }

    @Test func unlockLiveConfirmsTheFeaturesAndPrintsTheSpecShape() async throws {
        let station = ScriptedStation("A", values: Self.unlicensed)
        station.update { $0.featuresAfterLicence = "0x5" }
        let live = LiveCLI(ScriptedDirectory([station]))
        let (status, console) = try await live.run(["unlock", "A", "--license-key-env", "KEY", "--expect", "alb", "--json"],
                                                   variables: ["KEY": Self.licence])
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == true && (document["run"] as? String)?.hasSuffix("-unlock") == true)
        let stations = try #require(document["stations"] as? [[String: Any]])
        #expect(Set(stations[0].keys) == ["id", "status", "changes", "backup", "error"])
        #expect(stations[0]["status"] as? String == "applied" && stations[0]["error"] is NSNull)
        let change = try #require((stations[0]["changes"] as? [[String: Any]])?.first)
        #expect(Set(change.keys) == ["setting", "key", "from", "to", "status"])
        #expect(change["key"] as? String == "FeatureLicenseKey" && change["to"] as? String == "***" && change["status"] as? String == "applied")
        #expect(station.snapshot.resets == [.soft])
        #expect(console.stderr.contains("A: rebooting, waiting up to 120 s"))
        live.expectNoSecret(console, "1A2B", "0123456789abcdef")
    }

    @Test func unlockWithoutAGainedFeatureIsExit4AndOldFirmwareIsExit0() async throws {
        let station = ScriptedStation("A", values: Self.base)
        let (status, console) = try await LiveCLI(ScriptedDirectory([station])).run(
            ["unlock", "A", "--license-key-env", "KEY", "--json"], variables: ["KEY": Self.licence])
        #expect(status == .refused)
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == false)
        #expect((document["error"] as? [String: Any])?["code"] as? String == "station.change-failed")

        let old = ScriptedStation("A", values: Self.base, firmware: "3.2.1")
        let (oldStatus, oldConsole) = try await LiveCLI(ScriptedDirectory([old])).run(
            ["unlock", "A", "--license-key-env", "KEY"], variables: ["KEY": Self.licence])
        #expect(oldStatus == .success)
        #expect(oldConsole.stderr.contains("no licence needed") && old.snapshot.writes.isEmpty)
    }

    @Test func albConfigureRefusedKeyRollsBackWithExit4() async throws {
        let station = ScriptedStation("A", values: Self.base)
        station.update { $0.answers["Safe-MaxCurrent"] = .rejected }
        let (status, console) = try await LiveCLI(ScriptedDirectory([station])).run(
            ["alb", "configure", "A", "--source", "p1", "--max-current", "40", "--safe-current", "8", "--json"])
        #expect(status == .refused)
        let document = try TestCLI.json(console.stdout)
        let result = try #require((document["stations"] as? [[String: Any]])?.first)
        #expect(result["status"] as? String == "rolled-back")
        #expect((result["error"] as? [String: Any])?["code"] as? String == "station.refused")
        let changes = try #require(result["changes"] as? [[String: Any]])
        #expect(changes.first { $0["key"] as? String == "SmartMeter-MaxCurrent" }?["status"] as? String == "restored")
        #expect(changes.first { $0["key"] as? String == "SmartCharging-Mode" }?["status"] as? String == "unchanged")
        #expect(station.snapshot.values["Active-LoadBalancing"] == "Off" && station.snapshot.values["SmartMeter-MaxCurrent"] == "25")
        #expect(console.stderr.contains("hint:"))
    }

    @Test func scnCreateLiveWritesEveryMemberInParallel() async throws {
        let stations = Self.stations("A", "B", "C")
        let live = LiveCLI(ScriptedDirectory(stations))
        let (status, console) = try await live.run(["scn", "create", "--name", "ABC", "--total-current", "20", "--phases", "1",
                                                    "--station", "A", "--station", "B", "--station", "C", "--json"])
        #expect(status == .success, "\(console.stderr)")
        #expect(stations.map { $0.snapshot.values["SCN-SocketID"] } == ["0", "1", "2"])
        #expect(stations.allSatisfy { $0.snapshot.values["SCN-SocketCount"] == "3" && $0.snapshot.resets.count == 1 })
        #expect(live.directory.configurations.first?.stations == ["A", "B", "C"])
        #expect(live.directory.shutdowns == 1)
    }

    @Test func applyDropsThenResumesWithoutWritingTwice() async throws {
        let stations = Self.stations("A", "B", "C")
        stations[1].update { $0.dropAfterWrites = 3 }
        let live = LiveCLI(ScriptedDirectory(stations))
        let (status, console) = try await live.run(["apply", TestCLI.example("abc-20A.yaml"), "--json"])
        #expect(status == .communication, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        let runID = try #require(document["run"] as? String)
        let results = try #require(document["stations"] as? [[String: Any]])
        #expect(results[1]["status"] as? String == "failed")
        #expect((results[1]["error"] as? [String: Any])?["code"] as? String == "station.connection-lost")
        #expect(results[0]["status"] as? String == "applied", "a lost member is no refusal: the others keep their changes")
        let before = stations.map(\.writtenKeys)

        stations[1].update { $0.online = true; $0.dropAfterWrites = nil; $0.generation += 1 }
        let (resumed, resumedConsole) = try await live.run(["apply", "--resume", runID, "--json"])
        #expect(resumed == .success, "\(resumedConsole.stderr)")
        #expect(stations[1].snapshot.values["SCN-SocketCount"] == "3" && stations[1].snapshot.resets.count == 1)
        let again = stations[1].writtenKeys
        #expect(Array(again.prefix(before[1].count)) == before[1])
        #expect(Set(again).count == again.count, "B writes nothing twice: \(again)")
        #expect(stations[0].writtenKeys == before[0], "A finished in the first attempt and is left alone")
    }

    @Test func applyWholeSiteLiveIsADiff() async throws {
        let stations = Self.stations("A", "B", "C")
        let live = LiveCLI(ScriptedDirectory(stations))
        let (status, console) = try await live.run(["apply", TestCLI.example("abc-20A.yaml"), "--json"])
        #expect(status == .success, "\(console.stderr)")
        let results = try #require(try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])
        #expect(results.map { $0["status"] as? String } == ["applied", "applied", "applied"])
        let again = try await live.run(["apply", TestCLI.example("abc-20A.yaml"), "--json"])
        #expect(again.0 == .success)
        let second = try #require(try TestCLI.json(again.1.stdout)["stations"] as? [[String: Any]])
        #expect(second.map { $0["status"] as? String } == ["unchanged", "unchanged", "unchanged"], "everything already as planned")
    }

    @Test func applyUnlocksFirstAndDoesNotRelicenseAStationThatHasTheFeatures() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID()).yaml").path
        try """
            installation: { phases: 1, maxCurrent: 20 }
            scn: { name: AB, socketSafeCurrent: 6, alternatingPeriod: 900 }
            stations:
              - { id: A, maxCurrent: 32, licenseKey: { env: KEY }, sockets: [{ maxCurrent: 32 }] }
              - { id: B, maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let stations = Self.stations("A", "B")
        stations[0].update { $0.featuresAfterLicence = "1"; $0.values["UnlockedFeatures"] = "0" }
        let live = LiveCLI(ScriptedDirectory(stations))
        let (status, console) = try await live.run(["apply", path, "--json"], variables: ["KEY": Self.licence])
        #expect(status == .success, "\(console.stderr)")
        #expect(stations[0].writtenKeys.first == "FeatureLicenseKey" && stations[0].snapshot.resets.count == 2,
                "the licence first, with a reboot of its own, then the settings and their reboot")
        let written = stations[0].writtenKeys.count

        let (again, againConsole) = try await live.run(["apply", path, "--json"], variables: ["KEY": Self.licence])
        #expect(again == .success, "\(againConsole.stderr)")
        #expect(stations[0].writtenKeys.count == written, "already licensed for scn and already configured: nothing written")
        #expect(againConsole.stderr.contains("the licence key is not written again"))
        live.expectNoSecret(againConsole, "1A2B")
    }

    @Test func commandsRunOneAfterAnotherAgainstOneSharedDirectory() async throws {
        let stations = Self.stations("A", "B")
        stations[0].update { $0.featuresAfterLicence = "7" }
        let live = LiveCLI(ScriptedDirectory(stations))
        let (unlocked, unlockConsole) = try await live.run(["unlock", "A", "--license-key-env", "KEY"], variables: ["KEY": Self.licence])
        #expect(unlocked == .success, "\(unlockConsole.stderr)")
        let (alb, albConsole) = try await live.run(["alb", "configure", "A", "--source", "p1", "--max-current", "40"])
        #expect(alb == .success, "\(albConsole.stderr)")
        let (scn, scnConsole) = try await live.run(["scn", "create", "--name", "AB", "--total-current", "32", "--station", "A", "--station", "B"])
        #expect(scn == .success, "\(scnConsole.stderr)")
        #expect(live.directory.shutdowns == 3, "each command hands its directory back; a shared one ignores it")
        #expect(stations[0].snapshot.values["Active-LoadBalancing"] == "On" && stations[1].snapshot.values["SCN-SocketID"] == "1")
    }

    @Test func scnAddReadsTheMembersFromTheirConnections() async throws {
        let stations = Self.stations("A", "B", "C")
        for (index, station) in stations.prefix(2).enumerated() {
            station.update {
                $0.values["SCN-NetworkName"] = "AB"
                $0.values["SCN-IsEnabled"] = "True"
                $0.values["SCN-SocketID"] = "\(index)"
                $0.values["SCN-SocketCount"] = "2"
                $0.values["SCN-TotalStaticCurrent"] = "32"
                $0.values["SCN-PhaseMapping-1"] = "4"
            }
        }
        let live = LiveCLI(ScriptedDirectory(stations))
        let (status, console) = try await live.run(["scn", "add", "--name", "AB", "--station", "C", "--member", "A", "--member", "B", "--json"])
        #expect(status == .success, "\(console.stderr)")
        #expect(stations.map { $0.snapshot.values["SCN-SocketCount"] } == ["3", "3", "3"])
        #expect(stations[2].snapshot.values["SCN-SocketID"] == "2" && stations[2].snapshot.values["SCN-NetworkName"] == "AB")
        #expect(stations[2].snapshot.values["SCN-PhaseMapping-1"] == "7", "the rotation continues: L2L3L1 after two 3-phase members")
        #expect(live.directory.shutdowns == 1, "one central system for reading and writing")

        let (wrong, wrongConsole) = try await live.run(["scn", "add", "--name", "XY", "--station", "C", "--member", "A", "--json"])
        #expect(wrong == .invalidInput)
        #expect((try TestCLI.json(wrongConsole.stdout)["error"] as? [String: Any])?["code"] as? String == "scn.name-mismatch")
        let (none, _) = try await live.run(["scn", "add", "--name", "AB", "--station", "C"])
        #expect(none == .invalidInput)
    }

    @Test func theDemoPatternOneSharedDirectoryAcrossCommandsIsShutDownOnceByItsOwner() async throws {
        let stations = Self.stations("A", "B", "C")
        stations[0].update { $0.featuresAfterLicence = "4" }
        let scripted = ScriptedDirectory(stations)
        let shared = SharedStationDirectory(scripted)
        let test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state", "KEY": Self.licence]).withRunStorage()
            .withClock { Date() }.withCentralSystem { _ in shared }
        let (console, env) = (test.console, test.env)
        let commands: [any EnvironmentRunnable] = [
            try UnlockCommand.parse(["A", "--license-key-env", "KEY", "--expect", "alb"]),
            try ALBConfigure.parse(["A", "--source", "p1", "--max-current", "40"]),
            try SCNCreate.parse(["--name", "ABC", "--total-current", "32", "--station", "A", "--station", "B", "--station", "C"]),
            try ApplyCommand.parse([TestCLI.example("abc-20A.yaml")]),
        ]
        for command in commands {
            let status = await command.run(env)
            #expect(status == .success, "\(type(of: command)): \(console.stderr)")
        }
        #expect(scripted.shutdowns == 0, "the borrowers' shutdowns do not reach the shared directory")
        await shared.close()
        #expect(scripted.shutdowns == 1)
        #expect(stations.map { $0.snapshot.values["SCN-NetworkName"] } == ["ABC20", "ABC20", "ABC20"], "apply's site renamed the SCN")
    }

    @Test func configSetAndRestore() async throws {
        let station = ScriptedStation("A", values: Self.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        let (status, console) = try await live.run(["config", "set", "A", "HeartbeatInterval=60", "Station-MaxCurrent=16", "--json"])
        #expect(status == .success, "\(console.stderr)")
        let result = try #require((try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])?.first)
        let changes = try #require(result["changes"] as? [[String: Any]])
        #expect(changes.map { $0["status"] as? String } == ["applied", "unchanged"])
        #expect(changes.first?["from"] as? String == "300" && changes.first?["setting"] is NSNull)
        let backup = try #require(result["backup"] as? String)
        #expect(station.snapshot.values["HeartbeatInterval"] == "60")

        let (restored, restoreConsole) = try await live.run(["config", "restore", "A", backup, "--json"])
        #expect(restored == .success, "\(restoreConsole.stderr)")
        #expect(station.snapshot.values["HeartbeatInterval"] == "300")
        #expect(!station.writtenKeys.contains("AuthorizationKey") && !station.writtenKeys.contains("UnlockedFeatures"),
                "masked secrets and read-only keys are skipped")
        #expect(station.writtenKeys.filter { $0 == "HeartbeatInterval" }.count == 2 && station.writtenKeys.count == 2, "only what differs")

        let (refused, _) = try await live.run(["config", "set", "A", "NoSuchKey=1"])
        #expect(refused == .refused)
        let (bad, _) = try await live.run(["config", "set", "A", "=1"])
        #expect(bad == .invalidInput)
    }

    @Test func stationNamesFromTheSiteAndAStationThatNeverComes() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID()).yaml").path
        try """
            installation: { phases: 3, maxCurrent: 25 }
            stations:
              - { id: ACE1, name: bay-1, maxCurrent: 25, ocppPassword: { env: BAY1_PASS }, sockets: [{ maxCurrent: 25 }] }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let station = ScriptedStation("ACE1", values: Self.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        let (status, console) = try await live.run(["config", "set", "bay-1", "HeartbeatInterval=60", "--site", path],
                                                   variables: ["BAY1_PASS": "hunter2hunter2"])
        #expect(status == .success, "\(console.stderr)")
        #expect(live.directory.configurations.last?.passwords == ["ACE1": "hunter2hunter2"])
        live.expectNoSecret(console, "hunter2")

        let (missing, missingConsole) = try await LiveCLI(ScriptedDirectory([])).run(["config", "set", "X", "HeartbeatInterval=60", "--json"])
        #expect(missing == .communication)
        let error = try #require((try TestCLI.json(missingConsole.stdout)["stations"] as? [[String: Any]])?.first?["error"] as? [String: Any])
        #expect(error["code"] as? String == "station.not-connected")
    }
}

/// Runs commands against one scripted directory with files kept in memory.
struct LiveCLI {
    let directory: ScriptedDirectory
    let files: RecordingFiles

    init(_ directory: ScriptedDirectory, files: RecordingFiles = RecordingFiles()) {
        self.directory = directory
        self.files = files
    }

    func run(_ arguments: [String], variables: [String: String] = [:], console: RecordingConsole = RecordingConsole(),
             adjust: (inout CLIEnvironment) -> Void = { _ in }) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
        let directory = self.directory
        var test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state"].merging(variables) { $1 }, console: console, files: files)
            .withRunStorage()
            .withClock { Date(timeIntervalSince1970: 1_747_217_700 + Double.random(in: 0..<1_000_000).rounded()) }
            .withCentralSystem { directory.started(with: $0) }
        adjust(&test.env)
        return (try await test.run(arguments), test.console)
    }

    func expectNoSecret(_ console: RecordingConsole, _ secrets: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!console.stdout.contains(secret) && !console.stderr.contains(secret), sourceLocation: sourceLocation)
            for path in files.paths {
                #expect(!(files[path] ?? "").contains(secret), "\(path)", sourceLocation: sourceLocation)
            }
        }
    }
}
