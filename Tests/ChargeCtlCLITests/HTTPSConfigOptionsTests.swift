import ChargeCtlCLI
import Foundation
import Testing

/// Issue 15 items 2–3, offline: what `--via https` plans and refuses before anything is sent (exit 2).
@Suite struct HTTPSConfigOptionsTests {
    static func changes(_ document: [String: Any]) -> [[String: Any]] {
        ((document["stations"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]) ?? []
    }

    @Test func aCustomMeterOverHTTPSPlansItsPortAndRegisterMapMarkedInferred() async throws {
        let (status, console, _) = try await TestCLI.run(["alb", "configure", "CP1", "--dry-run", "--json", "--via", "https", "--source", "modbus-tcp",
                                                          "--meter-host", "192.168.0.4", "--meter-unit", "3", "--meter-port", "1502",
                                                          "--meter-preset", "siemens-pac2200"])
        #expect(status == .success, "\(console.stderr)")
        let changes = Self.changes(try TestCLI.json(console.stdout))
        let bySetting = Dictionary(changes.map { ($0["setting"] as? String ?? "", $0) }) { first, _ in first }
        #expect(bySetting["alb.tcpMeter.model"]?["to"] as? String == "custom")
        #expect(bySetting["alb.tcpMeter.port"]?["to"] as? String == "1502")
        #expect(bySetting["alb.tcpMeter.registerMap"]?["evidence"] as? String == "inferred")
        #expect((bySetting["alb.tcpMeter.registerMap"]?["to"] as? String)?.hasSuffix("function 3") == true, "\(changes)")
    }

    @Test func anUnknownPresetOverHTTPSIsExit2NamingTheFlag() async throws {
        let (status, console, _) = try await TestCLI.run(["alb", "configure", "CP1", "--dry-run", "--json", "--via", "https", "--source", "modbus-tcp",
                                                          "--meter-host", "192.168.0.4", "--meter-unit", "3", "--meter-preset", "no-such-meter"])
        #expect(status == .invalidInput)
        let error = try #require(try TestCLI.json(console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "preset.unknown")
        #expect((error["message"] as? String)?.hasPrefix("--meter-preset") == true, "\(error)")
    }

    @Test func configSetTakesSettingIdsAndPropertyIdsOverHTTPS() async throws {
        let (status, console, _) = try await TestCLI.run(["config", "set", "127.0.0.9", "alb.enabled=On", "alb.protocol=p1", "2062_0=16",
                                                          "--via", "https", "--dry-run", "--json"])
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(document["link"] as? String == "https")
        let changes = Self.changes(document).map { "\($0["key"] as? String ?? "")=\($0["to"] as? String ?? "")" }
        #expect(changes == ["2064_0=1", "5217_0=5", "2062_0=16"])
    }

    @Test func configSetRefusesAValueTheSettingCannotTake() async throws {
        let (status, console, _) = try await TestCLI.run(["config", "set", "127.0.0.9", "alb.protocol=modbus-carrier-pigeon", "--via", "https",
                                                          "--dry-run", "--json"])
        #expect(status == .invalidInput)
        #expect((try TestCLI.json(console.stdout)["error"] as? [String: Any])?["code"] as? String == "config.value")
        // Over OCPP a setting without an OCPP key is refused by name, nothing sent.
        let (ocpp, ocppConsole, _) = try await TestCLI.run(["config", "set", "CP1", "alb.allowPhaseSwitching=true", "--dry-run", "--json"])
        #expect(ocpp == .invalidInput)
        #expect((try TestCLI.json(ocppConsole.stdout)["error"] as? [String: Any])?["code"] as? String == "link.setting-unsupported")
    }

    static func backup(link: String?, keys: [(String, String, Bool)]) -> String {
        let entries = keys.map { #"{"key": "\#($0.0)", "value": "\#($0.1)", "readonly": \#($0.2)}"# }.joined(separator: ", ")
        let linkField = link.map { #""link": "\#($0)", "# } ?? ""
        return #"{"format": "chargectl.configuration-backup/1", "station": "CP1", "takenAt": "2026-01-01T00:00:00Z", \#(linkField)"keys": [\#(entries)], "unknown": []}"#
    }

    func restore(_ backup: String, _ arguments: [String]) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
        let test = TestEnvironment().withFiles(readingDisk: false)
        test.files.write("/b.json", backup)
        return (try await test.run(["config", "restore", "CP1", "/b.json", "--dry-run", "--json"] + arguments), test.console)
    }

    /// One backup format (SPEC §6): an OCPP backup restores over HTTPS through the catalog and back, keys the
    /// other link cannot carry named in a warning.
    @Test func aBackupRestoresOverTheOtherLinkSettingBySetting() async throws {
        let ocpp = Self.backup(link: nil, keys: [("Station-MaxCurrent", "25", false), ("ALB-ProtocolSelection", "Modbus TCP/IP", false),
                                                 ("Active-LoadBalancing", "On", false), ("HeartbeatInterval", "300", false),
                                                 ("UnlockedFeatures", "5", true)])
        let (status, console) = try await restore(ocpp, ["--via", "https"])
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(Self.changes(document).map { "\($0["key"] as? String ?? "")=\($0["to"] as? String ?? "")" } == ["2062_0=25", "5217_0=4", "2064_0=1"])
        #expect(console.stderr.contains("HeartbeatInterval") && console.stderr.contains("not restored"))

        let https = Self.backup(link: "https", keys: [("2062_0", "20", false), ("5217_0", "5", false), ("2064_0", "3", false), ("2570_1", "1", false)])
        let (back, backConsole) = try await restore(https, [])
        #expect(back == .success, "\(backConsole.stderr)")
        let keys = Self.changes(try TestCLI.json(backConsole.stdout)).map { "\($0["key"] as? String ?? "")=\($0["to"] as? String ?? "")" }
        #expect(keys == ["Station-MaxCurrent=20", "ALB-ProtocolSelection=DSMR4.x/SMR5.0 (P1)", "Active-LoadBalancing=On"])
        #expect(backConsole.stderr.contains("2570_1"))
        // Over its own link a backup is written key by key, as it was read.
        let (same, sameConsole) = try await restore(https, ["--via", "https"])
        #expect(same == .success)
        #expect(Self.changes(try TestCLI.json(sameConsole.stdout)).count == 4)
    }
}
