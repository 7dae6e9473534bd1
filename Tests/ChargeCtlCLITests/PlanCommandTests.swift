import ChargeCtlCLI
import Foundation
import Testing

/// `plan` and the changing commands' `--dry-run`: the SPEC §7 shape, secrets masked, bad input refused with exit 2.
@Suite struct PlanCommandTests {
    func siteFile(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID()).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func planJSONHasTheSpecShape() async throws {
        let (status, console, _) = try await TestCLI.run(["plan", TestCLI.example("plaza-24A-six.yaml"), "--json"])
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == true)
        let stations = try #require(document["stations"] as? [[String: Any]])
        #expect(stations.map { $0["id"] as? String } == (0..<6).map { "PLAZA-S\($0)" })
        for station in stations {
            #expect(station["reboot"] as? Bool == true)
            let changes = try #require(station["changes"] as? [[String: Any]])
            for change in changes {
                // SPEC §7: fields are added, never renamed; issue 16 added the mapping's evidence.
                #expect(Set(change.keys) == ["setting", "key", "from", "to", "evidence", "unconfirmed"])
                #expect(change["from"] is NSNull, "offline: from is null")
            }
        }
        let host = try #require(stations.first?["changes"] as? [[String: Any]])
        #expect(host.contains { $0["key"] as? String == "MBTCPSmart-IPAddress" && $0["to"] as? String == "192.168.000.004" })
        let second = try #require(stations[1]["changes"] as? [[String: Any]])
        #expect(!second.contains { $0["key"] as? String == "Active-LoadBalancing" }, "ALB only on the host station")
        #expect(second.contains { $0["key"] as? String == "SCN-SocketID" && $0["to"] as? String == "1" })
        #expect(document["warnings"] is [Any])
    }

    /// Issue 16: `plan` marks changes whose key is not confirmed (only `Station-MaxCurrent` of the OCPP keys is), in
    /// the text and in `--json`; a key the alias file names counts as the user's, and HTTPS ids and value spellings
    /// follow the alias file too.
    @Test func planMarksUnconfirmedKeysAndTheAliasFileRespellsThem() async throws {
        let (status, console, _) = try await TestCLI.run(["plan", TestCLI.example("single-alb.yaml"), "--json"])
        #expect(status == .success, "\(console.stderr)")
        let changes = try #require((try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])
        let byKey = Dictionary(uniqueKeysWithValues: changes.map { ($0["key"] as? String ?? "", $0) })
        #expect(byKey["Station-MaxCurrent"]?["evidence"] as? String == "confirmed")
        #expect(byKey["Station-MaxCurrent"]?["unconfirmed"] as? Bool == false)
        #expect(byKey["Safe-MaxCurrent"]?["evidence"] as? String == "manual")
        #expect(byKey["Safe-MaxCurrent"]?["unconfirmed"] as? Bool == true)

        let (_, text, _) = try await TestCLI.run(["plan", TestCLI.example("single-alb.yaml")])
        #expect(text.stdout.contains("Safe-MaxCurrent (manual)"))
        #expect(!text.stdout.contains("Station-MaxCurrent (manual)"))
        #expect(text.stdout.contains("not confirmed on a real station"))

        let aliases = try siteFile("""
            aliases:
              alb.safeCurrent: SafeMaxCurrent
              alb.enabled:
                - firmware: "7."
                  values: { On: "1" }
                - values: { On: "true" }
              alb.maxCurrent: { https: 2067_1 }
            """)
        let (aliased, aliasedConsole, _) = try await TestCLI.run(["plan", TestCLI.example("single-alb.yaml"), "--key-aliases", aliases, "--json"])
        #expect(aliased == .success, "\(aliasedConsole.stderr)")
        let respelled = try #require((try TestCLI.json(aliasedConsole.stdout)["stations"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])
        let safe = try #require(respelled.first { $0["setting"] as? String == "alb.safeCurrent" })
        #expect(safe["key"] as? String == "SafeMaxCurrent")
        #expect(safe["evidence"] as? String == "alias")
        #expect(safe["unconfirmed"] as? Bool == false)

        let (bad, badConsole, _) = try await TestCLI.run(["plan", TestCLI.example("single-alb.yaml"), "--key-aliases",
                                                          try siteFile("aliases:\n  alb.safeCurrent: { firmware: \"7.\" }\n")])
        #expect(bad == .invalidInput, "\(badConsole.stderr)")
        #expect(badConsole.stderr.contains("aliases.empty") || badConsole.stderr.contains("at least one of ocpp, https or values"))
    }

    @Test func licenceKeysComeFromTheEnvironmentAndNeverShow() async throws {
        let path = try siteFile("""
            installation: { phases: 3, maxCurrent: 25 }
            stations:
              - { id: ACE1, maxCurrent: 25, licenseKey: { env: BAY1_LICENSE }, sockets: [{ maxCurrent: 25 }] }
            """)
        let secret = "1a2b3c4d5e6f7a8b9c0d1e2f"
        let (status, console, _) = try await TestCLI.run(["plan", path, "--json"], variables: ["BAY1_LICENSE": secret])
        #expect(status == .success)
        #expect(!console.stdout.lowercased().contains("1a2b") && !console.stderr.lowercased().contains("1a2b"))
        let first = try #require(((try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])?.first)
        #expect(first["key"] as? String == "FeatureLicenseKey" && first["to"] as? String == "***")

        let (missing, missingConsole, _) = try await TestCLI.run(["plan", path, "--json"])
        #expect(missing == .invalidInput)
        #expect((try TestCLI.json(missingConsole.stdout)["error"] as? [String: String])?["code"] == "secret.env-missing")
        let (bad, badConsole, _) = try await TestCLI.run(["plan", path, "--json"], variables: ["BAY1_LICENSE": "not-a-key"])
        #expect(bad == .invalidInput)
        #expect((try TestCLI.json(badConsole.stdout)["error"] as? [String: String])?["code"] == "licence.format")
    }

    @Test func theHTTPSLinkNeedsEachStationsAddressAndValidatesFirst() async throws {
        // Issue 15: --via https runs live; a station with no host (and no --host) is exit 2 before anything is sent.
        let (live, liveConsole, _) = try await TestCLI.run(["apply", TestCLI.example("plaza-24A-six.yaml"), "--via", "https", "--json"])
        #expect(live == .invalidInput)
        #expect((try TestCLI.json(liveConsole.stdout)["error"] as? [String: String])?["code"] == "https.host-missing")

        let (bad, badConsole, _) = try await TestCLI.run(["alb", "configure", "ACE1", "--source", "modbus-tcp", "--meter-host", "192.168.0.4",
                                                          "--meter-preset", "eastron-sdm630", "--json"])
        #expect(bad == .invalidInput)
        #expect((try TestCLI.json(badConsole.stdout)["error"] as? [String: String])?["code"] == "alb.ocpp-meter-preset")
    }

    @Test func albConfigureDryRunPlansTheSourcesKeys() async throws {
        let (status, console, _) = try await TestCLI.run([
            "alb", "configure", "ACE1", "--source", "modbus-tcp", "--meter-host", "192.168.0.4", "--meter-unit", "5",
            "--meter-preset", "socomec-countis-e27", "--max-current", "63", "--safe-current", "12", "--includes-chargers",
            "--phase-connected", "L1L2L3", "--station-max-current", "32", "--connector-max-current", "1=16", "--dry-run", "--json"])
        #expect(status == .success, "\(console.stderr)")
        let changes = try #require(((try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]))
        let wire = changes.map { "\($0["key"] as? String ?? "-")=\($0["to"] as? String ?? "")" }
        #expect(wire == ["Station-MaxCurrent=32", "Connector1-MaxCurrent=16", "Active-LoadBalancing=On", "SmartCharging-Mode=None",
                         "SmartMeter-MaxCurrent=63", "SmartMeterIncludesCharger=True", "Safe-MaxCurrent=12", "Phase-Connected=L1L2L3",
                         "ALB-ProtocolSelection=Modbus TCP/IP", "MBTCPSmart-IsEnabled=True", "MBTCPSmart-SlaveMeterModel=Socomec",
                         "MBTCPSmart-ConnectionType=TCP master", "MBTCPSmart-IPAddress=192.168.000.004", "MBTCPSmart-SlaveUnitID=5"])
    }

    @Test func scnCreateAndAddDryRun() async throws {
        let (status, console, _) = try await TestCLI.run(["scn", "create", "--name", "PLAZA1", "--total-current", "40", "--station", "A",
                                                          "--station", "B:2", "--dry-run", "--json"])
        #expect(status == .success, "\(console.stderr)")
        let stations = try #require(try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])
        let ids = stations.compactMap { ($0["changes"] as? [[String: Any]])?.first { $0["key"] as? String == "SCN-SocketID" }?["to"] as? String }
        #expect(ids == ["0", "1"])

        let (bad, badConsole, _) = try await TestCLI.run(["scn", "create", "--name", "plaza", "--total-current", "40", "--station", "A",
                                                          "--dry-run", "--json"])
        #expect(bad == .invalidInput)
        #expect((try TestCLI.json(badConsole.stdout)["error"] as? [String: String])?["code"] == "scn.name")

        let (added, addedConsole, _) = try await TestCLI.run(["scn", "add", "--name", "PLAZA6", "--station", "NEW1", "--site",
                                                              TestCLI.example("plaza-24A-six.yaml"), "--dry-run", "--json"])
        #expect(added == .success, "\(addedConsole.stderr)")
        let plans = try #require(try TestCLI.json(addedConsole.stdout)["stations"] as? [[String: Any]])
        #expect(plans.count == 7)
        #expect(plans.allSatisfy { plan in
            ((plan["changes"] as? [[String: Any]]) ?? []).contains { $0["key"] as? String == "SCN-SocketCount" && $0["to"] as? String == "7" }
        })
    }

    @Test func unlockWarnsAboutALiteralKeyAndMasksIt() async throws {
        let (status, console, _) = try await TestCLI.run(["unlock", "ACE1", "--license-key", "1a2b-3c4d-5e6f-7a8b-9c0d-1e2f", "--dry-run"])
        #expect(status == .success)
        #expect(console.stderr.contains("shell history"))
        #expect(!console.stdout.contains("1A2B") && console.stdout.contains("***"))
        let (bad, _, _) = try await TestCLI.run(["unlock", "ACE1", "--license-key", "1a2b", "--dry-run"])
        #expect(bad == .invalidInput)
    }
}
