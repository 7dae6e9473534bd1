import ChargeCtlCLI
import ChargeIO
import ChargeTLS
import Foundation
import StationModel
import Synchronization
import Testing
import VirtualSite

/// Issue 15, end to end over the station's own HTTPS API (SPEC §3): a virtual site whose stations serve the API on
/// their own loopback addresses is commissioned with `apply --via https` (ALB on a Modbus TCP meter that is no
/// Socomec, on another port; SCN with a total safe current; phase switching); `config get --via https` of every
/// planned write reads the plan's target; a second apply changes nothing. Then EMS over HTTPS, and a backup, a
/// change and a restore. Every wait is bounded (`--wait`).
@Suite(.serialized) struct HTTPSCommissioningTests {
    static let ids = ["ACE0105051", "ACE0105052"]
    static let hosts = ["127.0.5.51", "127.0.5.52"]
    static let password = "https-e2e-pw"

    /// The site file; `ports` nil gives `:0` (the virtual site picks), else each station's real API port.
    static func siteYAML(ports: [Int]?) -> String {
        """
        site: HTTPS end to end
        installation:
          phases: 3
          maxCurrent: 40
        scn:
          name: HTTPS1
          totalSafeCurrent: 25
        alb:
          source: modbus-tcp
          maxCurrent: 40
          safeCurrent: 10
          allowPhaseSwitching: true
          meter: { host: 127.0.0.1, port: 1502, unit: 7, preset: janitza-umg96rm }
        stations:
        \(zip(ids, hosts).enumerated().map { index, station in
            """
              - id: \(station.0)
                host: \(station.1):\(ports?[index] ?? 0)
                model: NG910-60023
                maxCurrent: 32
                httpsPassword: { env: HTTPS_E2E_PASSWORD }
                sockets:
                  - maxCurrent: 32
            """
        }.joined(separator: "\n"))
        """
    }

    @Test func applyOverHTTPSThenEverySettingReadsBackAndASecondApplyChangesNothing() async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-https-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let draft = scratch.appendingPathComponent("draft.yaml").path
        try Self.siteYAML(ports: nil).write(toFile: draft, atomically: true, encoding: .utf8)

        var options = VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil, unlockedFeatures: 0x5)
        options.httpsSecurity = { identity, host in try SelfSignedCertificate.serverSecurity(commonName: identity, address: host) }
        options.httpsPasswords = Dictionary(uniqueKeysWithValues: Self.ids.map { ($0, Self.password) })
        let virtual = try await VirtualSiteRunner.start(site: try SiteFiles.site(path: draft), scenario: nil,
                                                        ocppURL: "ws://127.0.0.1:9/ocpp", options: options)
        do {
            try await commission(virtual, scratch: scratch)
        } catch {
            await virtual.stop()
            throw error
        }
        await virtual.stop()
    }

    func commission(_ virtual: RunningVirtualSite, scratch: URL) async throws {
        let ports = try Self.ids.map { id in try #require(virtual.stations.first { $0.identity == id }?.httpsPort) }
        let sitePath = scratch.appendingPathComponent("site.yaml").path
        try Self.siteYAML(ports: ports).write(toFile: sitePath, atomically: true, encoding: .utf8)

        let files = RecordingFiles()
        let known = scratch.appendingPathComponent("known-stations").path
        func run(_ arguments: [String]) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
            let test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state", "HTTPS_E2E_PASSWORD": Self.password], files: files)
                .withRunStorage().withHTTPSLinks(knownStations: known)
            return (try await test.run(arguments), test.console)
        }
        let https = ["--via", "https", "--yes", "--wait", "30", "--json"]

        // The plan the run executes, compiled for the link: every write's target, bit fields and the map included.
        let site = try SiteFiles.site(path: sitePath)
        let catalog = try MeterPresetCatalog.builtIn()
        let map = try catalog.entry(named: "janitza-umg96rm").registerMap(at: .root)
        let plan = try RunPlan.compile(SitePlanner.plan(site, link: .https, registerMaps: ["janitza-umg96rm": map]), command: "apply", for: .https)

        let (applied, applyConsole) = try await run(["apply", sitePath] + https)
        #expect(applied == .success, "\(applyConsole.stdout)\n\(applyConsole.stderr)")
        let document = try TestCLI.json(applyConsole.stdout)
        let statuses = (document["stations"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        #expect(statuses == ["applied", "applied"], "\(applyConsole.stdout)")

        for station in plan.stations {
            let keys = station.writes.map(\.key)
            let (status, console) = try await run(["config", "get", station.station, "--site", sitePath] + keys + ["--via", "https", "--json"])
            #expect(status == .success, "\(console.stderr)")
            let got = try TestCLI.json(console.stdout)
            #expect(got["station"] as? String == station.station)
            #expect((got["unknown"] as? [String]) == [], "\(console.stdout)")
            let values = Dictionary((got["keys"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0["value"] as? String) }) { a, _ in a }
            for write in station.writes {
                #expect(write.isSatisfied(by: values[write.key] ?? nil), "\(station.station) \(write.key): \(String(describing: values[write.key])) ≠ \(write.value)")
            }
            if station.station == Self.ids[0] {
                // SPEC §3 table, as the station holds them: a custom map (2), the port, Modbus TCP (4), the map itself.
                #expect(values["2523_2"] == "2" && values["2523_5"] == "1502" && values["5217_0"] == "4" && values["2185_0"] == "1")
                #expect(values["2570_1"] == "1" && values["2574_3"] == String(map.function))
                #expect(keys.contains("2570_1") && keys.contains("2523_1"))
            }
            #expect(values["2180_A"] == "25" && values["2180_1"] == "HTTPS1")
        }

        // Everything is at its target: the second run writes nothing and reboots nobody.
        let (again, againConsole) = try await run(["apply", sitePath] + https)
        #expect(again == .success, "\(againConsole.stderr)")
        let second = try TestCLI.json(againConsole.stdout)
        for station in second["stations"] as? [[String: Any]] ?? [] {
            #expect(station["status"] as? String == "unchanged", "\(againConsole.stdout)")
            let changes = station["changes"] as? [[String: Any]] ?? []
            #expect(!changes.isEmpty && changes.allSatisfy { $0["status"] as? String == "unchanged" }, "\(againConsole.stdout)")
        }

        // EMS over HTTPS: 2530_1 = 3 and 5217_0 = −1 beside the EMS mode (SPEC §3).
        let (ems, emsConsole) = try await run(["alb", "configure", Self.ids[1], "--site", sitePath, "--source", "ems", "--ems-mode", "socket"] + https)
        #expect(ems == .success, "\(emsConsole.stdout)\n\(emsConsole.stderr)")
        let (_, emsRead) = try await run(["config", "get", Self.hosts[1] + ":\(ports[1])", "ems.enabled", "ems.mode", "--via", "https", "--json",
                                          "--https-password-env", "HTTPS_E2E_PASSWORD"])
        let emsValues = Dictionary((try TestCLI.json(emsRead.stdout)["keys"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0["value"] as? String) }) { a, _ in a }
        #expect(emsValues["2530_1"] == "3" && emsValues["5217_0"] == "-1" && emsValues["2530_3"] == "2", "\(emsRead.stdout)\n\(emsRead.stderr)")

        // A backup over HTTPS, a change by setting name, and the backup restored.
        let station = Self.ids[0]
        let (backedUp, backupConsole) = try await run(["config", "backup", station, "--site", sitePath, "--via", "https", "--json"])
        #expect(backedUp == .success, "\(backupConsole.stderr)")
        let backupPath = try #require(try TestCLI.json(backupConsole.stdout)["path"] as? String)
        let backup = try #require(files[backupPath])
        #expect(backup.contains(#""link" : "https""#) && backup.contains(#""key" : "2062_0""#))
        let (set, setConsole) = try await run(["config", "set", station, "station.maxCurrent=20", "alb.enabled=Off", "--site", sitePath] + https)
        #expect(set == .success, "\(setConsole.stdout)\n\(setConsole.stderr)")
        func current() async throws -> [String: String?] {
            let (_, console) = try await run(["config", "get", station, "--site", sitePath, "2062_0", "2064_0", "--via", "https", "--json"])
            return Dictionary((try TestCLI.json(console.stdout)["keys"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0["value"] as? String) }) { a, _ in a }
        }
        #expect(try await current() == ["2062_0": "20", "2064_0": "0"])
        let (restored, restoreConsole) = try await run(["config", "restore", station, backupPath, "--site", sitePath] + https)
        #expect(restored == .success, "\(restoreConsole.stdout)\n\(restoreConsole.stderr)")
        #expect(try await current() == ["2062_0": "32", "2064_0": "2"])
    }
}
