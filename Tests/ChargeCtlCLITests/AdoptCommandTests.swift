@testable import ChargeCtlCLI
import ChargeHTTPS
import ChargeIO
import ChargeTLS
import DNSSD
import Foundation
import NIOPosix
import StationModel
import Testing
import VirtualSite

/// `chargectl adopt` (SPEC §1, §3, §7; issue 15 item 4). Bad input is exit 2 before anything is sent (the test
/// environment refuses every link, so a command that tried to reach a station would fail otherwise); end to end,
/// a virtual station bound to an "operator" is adopted over HTTPS, commissioned over OCPP, and released.
@Suite(.serialized) struct AdoptCommandTests {
    static let laptop = [MDNSInterface(name: "lo", address: IPv4Address(127, 0, 0, 1), isLoopback: true, prefixLength: 8),
                         MDNSInterface(name: "eth0", address: IPv4Address(192, 168, 1, 23), prefixLength: 24)]

    @Test(arguments: [
        (["adopt", "192.168.1"], "adopt.host-invalid"),
        (["adopt", "station.local"], "adopt.host-invalid"),
        (["adopt", "192.168.1.40:70000"], "adopt.host-invalid"),
        (["adopt", "192.168.1.40", "--central-system", "http://192.168.1.23:8180/ocpp"], "adopt.central-system-invalid"),
        (["adopt", "192.168.1.40", "--central-system", "ws://192.168.1.23:0/ocpp"], "adopt.central-system-invalid"),
        (["adopt", "192.168.1.40", "--backup", "old.json"], "adopt.backup-without-release"),
        (["adopt", "192.168.1.40", "--release", "--central-system", "ws://192.168.1.23:8180/ocpp"], "adopt.release-central-system"),
        (["adopt", "192.168.1.40", "--host", "192.168.1.41"], "adopt.host-option"),
        (["adopt", "172.16.4.4"], "adopt.no-local-address"),
        (["adopt", "192.168.1.40", "--listen", "127.0.0.1:8180"], "adopt.no-local-address"),
        (["adopt", "192.168.1.40", "--release", "--backup", "/nowhere/adopt.json"], "file.unreadable"),
        (["adopt", "192.168.1.40", "--wait", "-1"], "option.range"),
    ])
    func badInputIsExitTwoBeforeAnythingIsSent(arguments: [String], code: String) async throws {
        var test = TestEnvironment(variables: ["PW": "pw"]).withFiles(readingDisk: false)
        test.env.interfaces = { Self.laptop }
        let status = try await test.run(arguments + ["--https-password-env", "PW", "--json"])
        #expect(status == .invalidInput, "\(arguments): \(test.console.stderr)")
        let error = try TestCLI.json(test.console.stdout)["error"] as? [String: Any]
        #expect(error?["code"] as? String == code, "\(arguments): \(test.console.stderr)")
        #expect((error?["hint"] as? String)?.isEmpty == false)
        // Issue 14 item 3: a hint names only flags adopt has.
        #expect(try HintAuditTests.unknownFlags(in: [error?["hint"] as? String ?? ""], command: ["adopt"]) == [])
    }

    @Test func aMissingPasswordIsExitTwoToo() async throws {
        var test = TestEnvironment().withFiles(readingDisk: false)
        test.env.interfaces = { Self.laptop }
        #expect(try await test.run(["adopt", "192.168.1.40", "--json"]) == .invalidInput)
        #expect((try TestCLI.json(test.console.stdout)["error"] as? [String: Any])?["code"] as? String == "https.password-missing")
    }

    /// SPEC §7 `previous` masked where secret, in the JSON and in the text; the text says how to undo it.
    @Test func theReportMasksTheOperatorsPassword() throws {
        let report = AdoptReport(action: .adopt, station: "ACE0001", host: "192.168.1.40", firmware: "5.2.1",
                                 previous: ["2071_1": "ws://cpo:s3cret@cpo.example:80", "2071_2": "/ocpp"],
                                 centralSystem: "ws://192.168.1.23:8180/ocpp", booted: true,
                                 backup: "/state/chargectl/backups/ACE0001/adopt-x.json", changed: true)
        let json = try ReportOutput.encode(report)
        #expect(!json.contains("s3cret") && json.contains(#""url":"ws://cpo:***@cpo.example:80/ocpp""#))
        #expect(json.contains(#""2071_1":"ws://cpo:***@cpo.example:80""#) && json.contains(#""booted":true"#))
        let text = report.text(colour: false)
        #expect(!text.contains("s3cret"))
        #expect(text.split(separator: "\n").map(String.init) == [
            "ACE0001 (192.168.1.40, firmware 5.2.1) adopted",
            "  previous back office  ws://cpo:***@cpo.example:80/ocpp",
            "  central system        ws://192.168.1.23:8180/ocpp",
            "  saved to              /state/chargectl/backups/ACE0001/adopt-x.json",
            "  BootNotification      received",
            "OCPP commands reach it now; `chargectl adopt 192.168.1.40 --release` puts the previous back office back.",
        ])
    }

    // MARK: end to end on a virtual site

    static func link(_ station: String, _ endpoint: HTTPSEndpoint) throws -> any StationLink {
        let session = HTTPSSession(endpoint: endpoint, pins: FileCertificatePins(path: nil), context: try HTTPSConnection.tlsContext(),
                                   group: MultiThreadedEventLoopGroup.singleton, requestTimeout: .seconds(10))
        return HTTPSStationLink(station: station, session: session, pollInterval: .milliseconds(100))
    }

    static func backOffice(_ id: String, host: String, port: Int, firmware: String) async throws -> String? {
        let link = try link(id, HTTPSEndpoint(host: host, port: port, password: "pw-adopt"))
        _ = try await link.waitForStation(timeout: .seconds(10))
        let listing = try await link.read(keys: BackOfficeURL.ids(firmware: firmware) + ["2067_0"])
        await link.close()
        return BackOfficeURL.url(from: Dictionary(listing.keys.map { ($0.key, $0.value ?? "") }) { first, _ in first })
    }

    /// A virtual station dialling an "operator" central system, our central system beside it, and the commands run
    /// in-process against both; every wait is bounded.
    struct Fixture {
        let id: String
        let host: String
        let operatorSystem: CentralSystem
        let ours: CentralSystem
        let virtual: RunningVirtualSite
        let files = RecordingFiles()
        var operatorURL: String { "ws://\(operatorSystem.listeningAddress)/cpo" }
        var oursURL: String { "ws://\(ours.listeningAddress)/ocpp" }

        static func start(firmware: String, id: String, host: String) async throws -> Fixture {
            let configuration = CentralSystemConfiguration(host: "127.0.0.1", port: 0, stations: [id], callTimeout: .seconds(10), handshakeTimeout: .seconds(5))
            let operatorSystem = try await CentralSystem.start(configuration)
            let ours = try await CentralSystem.start(configuration)
            var options = VirtualSiteOptions(rebootTime: .milliseconds(300), mdnsInterface: nil, unlockedFeatures: 0x7, firmware: firmware,
                                             backoff: ReconnectBackoff(initial: .milliseconds(100), maximum: .milliseconds(500)))
            options.httpsSecurity = { identity, host in try SelfSignedCertificate.serverSecurity(commonName: identity, address: host) }
            options.httpsPasswords = [id: "pw-adopt"]
            let site = Site(name: "adopt", installation: Installation(phases: 3, maxCurrent: 40),
                            stations: [StationEntry(id: id, host: "\(host):0", model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)])])
            do {
                let virtual = try await VirtualSiteRunner.start(site: site, scenario: nil, ocppURL: "ws://\(operatorSystem.listeningAddress)/cpo", options: options)
                return Fixture(id: id, host: host, operatorSystem: operatorSystem, ours: ours, virtual: virtual)
            } catch {
                await operatorSystem.shutdown(); await ours.shutdown()
                throw error
            }
        }

        func stop() async {
            await virtual.stop(); await operatorSystem.shutdown(); await ours.shutdown()
        }

        var station: String { "\(host):\(virtual.stations.first?.httpsPort ?? 0)" }
        var https: [String] { ["--https-password-env", "ADOPT_PW", "--listen", ours.listeningAddress, "--wait", "30"] }

        func run(_ arguments: [String], _ configure: (inout CLIEnvironment) -> Void = { _ in }) async throws
            -> (ChargeCtlCLI.ExitStatus, [String: Any], RecordingConsole) {
            let shared = SharedStationDirectory(ours)
            var test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state", "ADOPT_PW": "pw-adopt", "WRONG_PW": "nope"], files: files)
                .withRunStorage().withClock { Date() }.withCentralSystem { _ in shared }
            test.env.httpsLink = { station, endpoint, _ in try AdoptCommandTests.link(station, endpoint) }
            test.env.interfaces = { AdoptCommandTests.laptop }
            configure(&test.env)
            let status = try await test.run(arguments + ["--json"])
            return (status, try TestCLI.json(test.console.stdout), test.console)
        }
    }

    /// Both generations of back-office ids (`2071_1` + `2071_2` before firmware 6, `20F0_3` from 6).
    @Test(arguments: [("6.4.0-4210", "ACE0015061", "127.0.15.61"), ("5.2.1-4312", "ACE0015051", "127.0.15.51")])
    func adoptThenALBOverOCPPThenRelease(firmware: String, id: String, host: String) async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let site = try await Fixture.start(firmware: firmware, id: id, host: host)
        let (operatorSystem, ours, virtual, files) = (site.operatorSystem, site.ours, site.virtual, site.files)
        let (operatorURL, oursURL) = (site.operatorURL, site.oursURL)
        func run(_ arguments: [String]) async throws -> (ChargeCtlCLI.ExitStatus, [String: Any], RecordingConsole) { try await site.run(arguments) }
        do {
            let first = try await operatorSystem.waitForStation(id, timeout: .seconds(10))
            let port = try #require(virtual.stations.first?.httpsPort)
            let (station, https) = (site.station, site.https)

            let (adopted, document, console) = try await run(["adopt", station] + https)
            #expect(adopted == .success, "\(console.stderr)")
            #expect(document["ok"] as? Bool == true && document["station"] as? String == id)
            #expect(document["centralSystem"] as? String == oursURL)
            #expect((document["previous"] as? [String: Any])?["url"] as? String == operatorURL)
            #expect(document["booted"] as? Bool == true && document["changed"] as? Bool == true)
            #expect(console.stderr.contains("waiting up to 30 s for its BootNotification"))
            let path = try #require(document["backup"] as? String)
            #expect(path.hasPrefix("/state/chargectl/backups/\(id)/adopt-") && path.hasSuffix(".json"))
            let backup = try JSONDecoder().decode(AdoptBackup.self, from: Data(try #require(files[path]).utf8))
            #expect(backup.kind == "adopt" && backup.station == id && backup.firmware == firmware)
            #expect(backup.properties.map(\.id) == BackOfficeURL.ids(firmware: firmware))
            #expect(backup.previousURL == operatorURL && backup.centralSystem == oursURL)

            // The station dials us now: a commissioning command over OCPP reaches it.
            let (alb, albDocument, albConsole) = try await run(["alb", "configure", id, "--source", "p1", "--max-current", "40",
                                                                "--safe-current", "10", "--yes", "--listen", ours.listeningAddress, "--wait", "30"])
            #expect(alb == .success, "\(albConsole.stderr)")
            #expect((albDocument["stations"] as? [[String: Any]])?.first?["status"] as? String == "applied")

            // Adopting again keeps the first backup: it alone knows the operator's URL.
            let (again, againDocument, againConsole) = try await run(["adopt", station] + https)
            #expect(again == .success, "\(againConsole.stderr)")
            #expect(againDocument["backup"] as? String == path && againDocument["changed"] as? Bool == false)
            #expect(againConsole.stderr.contains("was adopted at"))
            #expect(files.paths.filter { $0.contains("/adopt-") }.count == 1)

            let (released, releasedDocument, releaseConsole) = try await run(["adopt", station, "--release"] + https)
            #expect(released == .success, "\(releaseConsole.stderr)")
            #expect(releasedDocument["action"] as? String == "release" && releasedDocument["backup"] as? String == path)
            #expect((releasedDocument["previous"] as? [String: Any])?["url"] as? String == oursURL)
            #expect(releasedDocument["centralSystem"] as? String == operatorURL && releasedDocument["booted"] as? Bool == true)

            // Back with its operator, and its back office reads as before over HTTPS.
            _ = try await operatorSystem.waitForStation(id, timeout: .seconds(10), replacing: first)
            #expect(try await Self.backOffice(id, host: host, port: port, firmware: firmware) == operatorURL)
        } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }

    /// Faults keep their codes, and nothing is lost: a wrong password is exit 2 with no backup and nothing written;
    /// a station that never reaches the URL it was given is exit 3 with the report (`booted` false) and the backup,
    /// and `--release` from that backup puts the operator back.
    @Test func aWrongPasswordAndAStationThatNeverBoots() async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let site = try await Fixture.start(firmware: "6.4.0-4210", id: "ACE0015071", host: "127.0.15.71")
        do {
            let first = try await site.operatorSystem.waitForStation(site.id, timeout: .seconds(10))
            let (wrong, wrongDocument, _) = try await site.run(["adopt", site.station, "--https-password-env", "WRONG_PW", "--listen", site.ours.listeningAddress])
            #expect(wrong == .invalidInput)
            #expect((wrongDocument["error"] as? [String: Any])?["code"] as? String == "https.wrong-password")
            #expect(site.files.paths.isEmpty, "no backup before the login")

            // Nothing listens on port 9: the station is pointed there, reboots, and never boots with us.
            let (lost, document, console) = try await site.run(["adopt", site.station, "--central-system", "ws://127.0.0.1:9/ocpp",
                                                                "--https-password-env", "ADOPT_PW", "--listen", site.ours.listeningAddress, "--wait", "2"])
            #expect(lost == .communication, "\(console.stderr)")
            #expect(document["ok"] as? Bool == false && document["booted"] as? Bool == false && document["changed"] as? Bool == true)
            #expect((document["error"] as? [String: Any])?["code"] as? String == "adopt.no-boot")
            #expect(((document["error"] as? [String: Any])?["hint"] as? String)?.contains("--release") == true)
            #expect(console.stderr.contains("warning: the station is to dial port 9"))
            let path = try #require(document["backup"] as? String)
            #expect(site.files[path]?.contains(site.operatorURL) == true)

            let (released, releasedDocument, releaseConsole) = try await site.run(["adopt", site.station, "--release"] + site.https)
            #expect(released == .success, "\(releaseConsole.stderr)")
            #expect((releasedDocument["previous"] as? [String: Any])?["url"] as? String == "ws://127.0.0.1:9/ocpp")
            _ = try await site.operatorSystem.waitForStation(site.id, timeout: .seconds(10), replacing: first)
        } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }

    /// Ctrl-C while adopt waits for the BootNotification: exit 130 with the report (`interrupted`), the HTTPS
    /// session already logged out, the backup kept; `--release` from it puts the operator back.
    @Test func ctrlCDuringTheBootWaitKeepsTheBackup() async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let site = try await Fixture.start(firmware: "6.4.0-4210", id: "ACE0015081", host: "127.0.15.81")
        do {
            let first = try await site.operatorSystem.waitForStation(site.id, timeout: .seconds(10))
            let started = ContinuousClock.now
            // Pointed at port 9, where nothing listens: without the Ctrl-C it would wait the whole 60 s.
            let (status, document, console) = try await site.run(["adopt", site.station, "--central-system", "ws://127.0.0.1:9/ocpp",
                                                                  "--https-password-env", "ADOPT_PW", "--listen", site.ours.listeningAddress,
                                                                  "--wait", "60"]) { env in env.interrupts = CtrlC.after(.seconds(3)) }
            #expect(ContinuousClock.now - started < .seconds(30), "the interrupt ended the 60 s wait")
            #expect(status == .interrupted, "\(console.stderr)")
            #expect(document["ok"] as? Bool == false && document["changed"] as? Bool == true)
            let error = try #require(document["error"] as? [String: Any])
            #expect(error["code"] as? String == "run.interrupted", "\(document)")
            #expect((error["message"] as? String)?.contains("after the back-office URL was written") == true)
            #expect((error["hint"] as? String)?.contains("--release") == true)
            let path = try #require(document["backup"] as? String)
            #expect(site.files[path]?.contains(site.operatorURL) == true)

            // The station is not left logged in: the release logs in at once and puts the operator back.
            let (released, _, releaseConsole) = try await site.run(["adopt", site.station, "--release"] + site.https)
            #expect(released == .success, "\(releaseConsole.stderr)")
            _ = try await site.operatorSystem.waitForStation(site.id, timeout: .seconds(10), replacing: first)
        } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }
}
