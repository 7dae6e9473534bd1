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
}
