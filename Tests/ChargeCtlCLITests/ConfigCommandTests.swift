import ChargeCtlCLI
import ChargeIO
import Foundation
import Testing

/// `config get` and `config backup` in-process against a fake central system.
@Suite struct ConfigCommandTests {
    @Test func getPrintsTheSpecJSONWithSecretsMasked() async throws {
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, console, _) = try await ConfigCLI.run(["config", "get", "CP1", "--listen", "127.0.0.1:0", "--json"], directory: directory)
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(Set(document.keys) == ["ok", "station", "keys", "unknown"])
        #expect(document["ok"] as? Bool == true && document["station"] as? String == "CP1")
        let keys = try #require(document["keys"] as? [[String: Any]])
        #expect(keys.map { $0["key"] as? String } == ConfigCLI.keys.map(\.key))
        #expect(keys[2]["value"] as? String == "***" && keys[3]["value"] as? String == "***")
        #expect(keys[4]["value"] is NSNull, "a known key without a value")
        #expect(keys[0]["readonly"] as? Bool == true && keys[1]["readonly"] as? Bool == false)
        #expect(!console.stdout.contains("0123456789abcdef") && !console.stdout.contains("1a2b"))
        #expect(console.stderr.contains("waiting for CP1 to connect on 127.0.0.1:8180"))
        #expect(directory.configurations.first?.host == "127.0.0.1" && directory.configurations.first?.port == 0)
        #expect(directory.configurations.first?.stations == ["CP1"])
        #expect(directory.shutdowns == 1)
        #expect(directory.station?.requests == [[]])
    }

    @Test func getNamedKeysPrintsATableAndTheUnknownOnes() async throws {
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, console, _) = try await ConfigCLI.run(["config", "get", "CP1", "heartbeatinterval", "AuthorizationKey", "Nope"],
                                                           directory: directory)
        #expect(status == .success)
        #expect(console.stdout.contains("HeartbeatInterval  300"))
        #expect(console.stdout.contains("AuthorizationKey   ***"))
        #expect(console.stdout.contains("unknown to the station: Nope"))
        #expect(directory.station?.requests == [["heartbeatinterval", "AuthorizationKey", "Nope"]])
    }

    /// SPEC §3: the key-alias file maps a setting or a manual key to the key a station really uses, for `config
    /// get` and `config set` as for `apply`; rules for another firmware do not apply.
    @Test func keyAliasesRenameSettingsAndManualKeys() async throws {
        let aliases = FileManager.default.temporaryDirectory.appendingPathComponent("aliases-\(UUID()).yaml").path
        try """
            aliases:
              alb.safeCurrent: SafeMaxCurrent
              Station-MaxCurrent: MaxCurrentStation
              alb.enabled:
                - firmware: "9."
                  ocpp: ALB-Active
                - values: { On: "true" }
            """.write(toFile: aliases, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: aliases) }

        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, console, _) = try await ConfigCLI.run(["config", "get", "CP1", "alb.safeCurrent", "station-maxcurrent", "alb.enabled",
                                                            "HeartbeatInterval", "--key-aliases", aliases], directory: directory)
        #expect(status == .success, "\(console.stderr)")
        #expect(directory.station?.requests == [["SafeMaxCurrent", "MaxCurrentStation", "Active-LoadBalancing", "HeartbeatInterval"]])

        let (set, setConsole, _) = try await TestCLI.run(["config", "set", "CP1", "alb.safeCurrent=8", "Station-MaxCurrent=20", "alb.enabled=On",
                                                          "--key-aliases", aliases, "--dry-run", "--json"])
        #expect(set == .success, "\(setConsole.stderr)")
        let changes = (try TestCLI.json(setConsole.stdout)["stations"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]] ?? []
        #expect(changes.map { "\($0["key"] as? String ?? "")=\($0["to"] as? String ?? "")" }
                == ["SafeMaxCurrent=8", "MaxCurrentStation=20", "Active-LoadBalancing=true"], "\(setConsole.stdout)")

        let (bad, badConsole, _) = try await TestCLI.run(["config", "get", "CP1", "--key-aliases", "/no/such/aliases.yaml", "--json"])
        #expect(bad == .invalidInput)
        #expect((try TestCLI.json(badConsole.stdout)["error"] as? [String: Any])?["code"] as? String == "file.unreadable")
    }

    @Test func aStationThatNeverConnectsIsExit3() async throws {
        let directory = FakeDirectory(station: nil)
        let (status, console, _) = try await ConfigCLI.run(["config", "get", "CP1", "--wait", "0.2", "--json"], directory: directory)
        #expect(status == .communication)
        let error = try #require(try TestCLI.json(console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "station.not-connected")
        #expect(error["message"] as? String == "CP1 did not connect within 0.2 s")
        #expect(directory.shutdowns == 1)
    }

    @Test func aCallErrorIsExit3NamingTheStation() async throws {
        let station = FakeStation(keys: [], failure: .callError(.notSupported, description: "no"))
        let (status, console, _) = try await ConfigCLI.run(["config", "get", "CP1"], directory: FakeDirectory(station: station))
        #expect(status == .communication)
        #expect(console.stderr.contains("CP1: GetConfiguration was answered with CALLERROR NotSupported (no)"))
    }

    @Test func thePasswordComesFromTheEnvironmentAndIsNeverPrinted() async throws {
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, console, _) = try await ConfigCLI.run(["config", "get", "CP1", "--ocpp-password-env", "CP1_PASS"],
                                                           directory: directory, variables: ["CP1_PASS": "hunter2hunter2"])
        #expect(status == .success)
        #expect(directory.configurations.first?.passwords == ["CP1": "hunter2hunter2"])
        #expect(!console.stdout.contains("hunter2") && !console.stderr.contains("hunter2"))

        let unset = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (missing, missingConsole, _) = try await ConfigCLI.run(["config", "get", "CP1", "--ocpp-password-env", "CP1_PASS"],
                                                                   directory: unset)
        #expect(missing == .invalidInput, "nothing was sent")
        #expect(missingConsole.stderr.contains("CP1_PASS"))
        #expect(unset.configurations.isEmpty, "no listener was opened")
    }

    @Test func badInputIsRefusedBeforeListening() async throws {
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, _, _) = try await ConfigCLI.run(["config", "get", "CP1", String(repeating: "K", count: 51)], directory: directory)
        #expect(status == .invalidInput)
        #expect(directory.configurations.isEmpty)
        #expect(throws: (any Error).self) { try ChargeCtlCommand.parseAsRoot(["config", "get", "CP1", "--listen", "nohost"]) }
        #expect(throws: (any Error).self) { try ChargeCtlCommand.parseAsRoot(["config", "get", "CP1", "--wait", "nan"]) }
        let (outOfRange, _, _) = try await ConfigCLI.run(["config", "get", "CP1", "--wait", "0"], directory: directory)
        #expect(outOfRange == .invalidInput && directory.configurations.isEmpty, "the tool's own range: exit 2, before listening")
    }

    @Test func backupWritesTheFullConfigurationUnderTheStateDirectory() async throws {
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, console, files) = try await ConfigCLI.run(["config", "backup", "CP1"], directory: directory,
                                                               variables: ["XDG_STATE_HOME": "/state", "HOME": "/home/u"])
        #expect(status == .success, "\(console.stderr)")
        let path = "/state/chargectl/backups/CP1/20250514T101500.250Z.json"
        #expect(console.stdout == path + "\n")
        let saved = try JSONDecoder().decode(ConfigurationBackup.self, from: Data(try #require(files[path]).utf8))
        #expect(saved.station == "CP1" && saved.takenAt == "2025-05-14T10:15:00.250Z" && saved.firmware == "6.1.0-4159")
        #expect(saved.keys.map(\.key) == ConfigCLI.keys.map(\.key))
        #expect(saved.keys[2].value == "***" && saved.keys[3].value == "***" && saved.keys[1].value == "300")
        #expect(!(files[path] ?? "").contains("0123456789abcdef"))
        #expect(directory.station?.requests == [nil], "a full read is one GetConfiguration without keys")
    }

    @Test func backupDirectoryAndHomeFallback() async throws {
        let station = FakeStation(keys: ConfigCLI.keys)
        let (status, console, files) = try await ConfigCLI.run(["config", "backup", "CP1", "--backup-dir", "/tmp/b", "--json"],
                                                               directory: FakeDirectory(station: station))
        #expect(status == .success)
        let document = try TestCLI.json(console.stdout)
        #expect(document["path"] as? String == "/tmp/b/CP1/20250514T101500.250Z.json" && document["keys"] as? Int == 5)
        #expect(files["/tmp/b/CP1/20250514T101500.250Z.json"] != nil)
        #expect(ConfigurationBackup.path(station: "a/../b", at: ConfigCLI.now, backupDirectory: nil, variables: ["HOME": "/h"])
            == "/h/.local/state/chargectl/backups/a_.._b/20250514T101500.250Z.json")
    }
}
