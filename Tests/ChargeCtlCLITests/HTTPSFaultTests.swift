@testable import ChargeCtlCLI
import ChargeIO
import Foundation
import StationModel
import Synchronization
import Testing
import VirtualSite

/// Issue 15 "Faults", through the real commands: `apply --via https` against a simulated station's HTTPS API
/// (real TLS on its own loopback address) that misbehaves on purpose. Each fault has its exit code, `apply
/// --resume RUN` finishes from the journal (reaching the station as the run did: nothing on its command line but
/// the run id), nothing is written twice (the station counts writes per property) and the station saw the logout
/// wherever its connection was still there to take one. Every wait is bounded.
@Suite(.serialized) struct HTTPSFaultTests {
    /// One station on `host`, with limits the station does not have yet (two writes, then its reboot).
    final class Bench: Sendable {
        let id: String
        let virtual: RunningVirtualSite
        let faults: HTTPSFaults
        let state: String
        let site: String
        let files = RecordingFiles()
        let makeSecurity: @Sendable (String, String) throws -> any ChannelSecurity

        init(id: String, host: String) async throws {
            self.id = id
            guard let makeSecurity = VirtualSiteHTTPS.security(CLIEnvironment(console: RecordingConsole())) else { throw Skip() }
            self.makeSecurity = makeSecurity
            let entry = StationEntry(id: id, host: "\(host):0", model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)])
            var options = VirtualSiteOptions(rebootTime: .milliseconds(300), mdnsInterface: nil) { _ in }
            options.httpsSecurity = makeSecurity
            options.httpsPasswords = [id: "fault-pw"]
            virtual = try await VirtualSiteRunner.start(site: Site(name: "faults", installation: Installation(phases: 3, maxCurrent: 40), stations: [entry]),
                                                        scenario: nil, ocppURL: "ws://127.0.0.1:9/ocpp", options: options)
            faults = try #require(virtual.httpsFaults(id))
            let port = try #require(virtual.stations.first?.httpsPort)
            state = NSTemporaryDirectory() + "cc-https-faults-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            site = state + "/site.yaml"
            try """
                site: faults
                installation: { phases: 3, maxCurrent: 40 }
                stations:
                  - { id: \(id), host: "\(host):\(port)", model: NG910-60023, maxCurrent: 25, httpsPassword: { env: FAULT_PW }, sockets: [{ maxCurrent: 20 }] }

                """.write(toFile: site, atomically: true, encoding: .utf8)
        }

        struct Skip: Error {}

        /// The command in-process; the run's files in memory (shared by a run and its resumes), the pinned
        /// certificates on disk under the bench's state folder.
        func run(_ arguments: [String], console: RecordingConsole = RecordingConsole(),
                 interrupts: (@Sendable () -> AsyncStream<Void>)? = nil, answer: String? = nil) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole, [String: Any]) {
            var test = TestEnvironment(variables: ["XDG_STATE_HOME": state, "FAULT_PW": "fault-pw"], console: console, files: files)
                .withRunStorage().withClock { Date() }
            test.env.httpsLink = HTTPSLinks.live(console: console, variables: test.env.variables)
            if let interrupts { test.env.interrupts = interrupts }
            if let answer { test.env.readLine = { _ in answer } }
            let status = try await test.run(arguments)
            let document = arguments.contains("--json") ? try TestCLI.json(console.stdout) : [:]
            return (status, console, document)
        }

        func apply(_ extra: [String] = []) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole, [String: Any]) {
            try await run(["apply", site, "--via", "https", "--yes", "--json", "--wait", "10"] + extra)
        }

        func resume(_ document: [String: Any], _ extra: [String] = []) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole, [String: Any]) {
            let run = try #require(document["run"] as? String)
            return try await self.run(["apply", "--resume", run, "--yes", "--json", "--wait", "10"] + extra)
        }

        /// Waits (bounded) until the station's API listens again after a reboot.
        /// The station's reboot may begin only after the run saw the connection close: wait (bounded) for it to go
        /// down before waiting for it to come back, or the resume can meet the reboot still to come.
        func waitUntilBack() async throws {
            for _ in 0..<40 where virtual.httpsListening(id) { try await Task.sleep(for: .milliseconds(50)) }
            for _ in 0..<100 where !virtual.httpsListening(id) { try await Task.sleep(for: .milliseconds(50)) }
            #expect(virtual.httpsListening(id))
        }

        func stop() async {
            await virtual.stop()
            try? FileManager.default.removeItem(atPath: state)
        }

        /// The two limits, each written exactly once over everything the test did.
        func expectWrittenOnce(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(faults.writes == ["2062_0": 1, "2129_0": 1], sourceLocation: sourceLocation)
        }
    }

    static func code(_ document: [String: Any]) -> String? {
        let stations = document["stations"] as? [[String: Any]] ?? []
        return (stations.first?["error"] as? [String: Any])?["code"] as? String ?? (document["error"] as? [String: Any])?["code"] as? String
    }

    static func status(_ document: [String: Any]) -> String? {
        (document["stations"] as? [[String: Any]])?.first?["status"] as? String
    }

    func withBench(_ id: String, _ host: String, _ body: (Bench) async throws -> Void) async throws {
        let bench: Bench
        do { bench = try await Bench(id: id, host: host) } catch is Bench.Skip { return }
        do { try await body(bench) } catch {
            await bench.stop()
            throw error
        }
        await bench.stop()
    }

    @Test func aCleanRunWritesEachLimitOnceAndLogsOut() async throws {
        try await withBench("ACE0106001", "127.0.6.1") { bench in
            let (status, console, document) = try await bench.apply()
            #expect(status == .success, "\(console.stderr)")
            #expect(Self.status(document) == "applied")
            bench.expectWrittenOnce()
            #expect(bench.faults.logins >= 1 && bench.faults.logouts >= 1)
            // The stored plan says how the station was reached, never the password.
            let run = try #require(document["run"] as? String)
            let plan = try #require(bench.files.paths.first { $0.hasSuffix("runs/\(run)/plan.json") }.flatMap { bench.files[$0] })
            #expect(plan.contains("\"FAULT_PW\"") && plan.contains("127.0.6.1:") && !plan.contains("fault-pw"))
            // The same site-wide summary as an OCPP run.
            #expect((document["summary"] as? [String: Any])?["applied"] as? Int == 1)
        }
    }

    @Test func aDroppedConnectionMidBatchIsExit3AndTheResumeWritesNothingTwice() async throws {
        try await withBench("ACE0106002", "127.0.6.2") { bench in
            bench.faults.dropConnectionAfterWrite()
            let (status, console, document) = try await bench.apply()
            #expect(status == .communication, "\(console.stderr)")
            #expect(Self.code(document) == "https.connection-lost")
            // The station kept the batch without saying so.
            bench.expectWrittenOnce()

            let (resumed, resumeConsole, again) = try await bench.resume(document)
            #expect(resumed == .success, "\(resumeConsole.stderr)")
            #expect(Self.status(again) == "applied")
            bench.expectWrittenOnce()
            #expect(bench.faults.logouts >= 1)
        }
    }

    @Test func a401MidSessionLogsInOnceMoreAndASecondOneFailsWithItsCode() async throws {
        try await withBench("ACE0106003", "127.0.6.3") { bench in
            bench.faults.lapseSessionAtWrite(times: 1)
            let (status, console, _) = try await bench.apply()
            #expect(status == .success, "\(console.stderr)")
            #expect(console.stderr.contains("logging in again"))
            bench.expectWrittenOnce()
            #expect(bench.faults.logouts >= 1)
        }
        try await withBench("ACE0106004", "127.0.6.4") { bench in
            bench.faults.lapseSessionAtWrite(times: 2)
            let (status, console, document) = try await bench.apply()
            #expect(status == .communication, "\(console.stderr)")
            #expect(Self.code(document) == "https.session-lost")
            #expect(bench.faults.writes.isEmpty)
            // Logged out on the error path.
            #expect(bench.faults.logouts == 1)

            let (resumed, resumeConsole, _) = try await bench.resume(document)
            #expect(resumed == .success, "\(resumeConsole.stderr)")
            bench.expectWrittenOnce()
            #expect(bench.faults.logouts == 2)
        }
    }

    @Test func aStationThatRebootsMidRunIsExit3AndTheResumeFinishes() async throws {
        try await withBench("ACE0106005", "127.0.6.5") { bench in
            bench.faults.rebootAfterWrite()
            let (status, console, document) = try await bench.apply()
            #expect(status == .communication, "\(console.stderr)")
            #expect(Self.code(document) == "https.connection-lost")
            try await bench.waitUntilBack()

            let (resumed, resumeConsole, again) = try await bench.resume(document)
            #expect(resumed == .success, "\(resumeConsole.stderr)")
            #expect(Self.status(again) == "applied")
            bench.expectWrittenOnce()
            #expect(bench.faults.logouts >= 1)
        }
    }

    @Test func aChangedCertificateOnReconnectIsExit3UntilAccepted() async throws {
        try await withBench("ACE0106006", "127.0.6.6") { bench in
            // After the run's own reboot the station presents another certificate.
            bench.faults.presentAfterReboot(try bench.makeSecurity("ACE0106006", "127.0.6.6"))
            let (status, console, document) = try await bench.apply()
            #expect(status == .communication, "\(console.stderr)")
            #expect(Self.code(document) == "https.certificate-changed")
            bench.expectWrittenOnce()

            // Not trusted on a resume either, until the installer says so.
            let (refused, _, still) = try await bench.resume(document)
            #expect(refused == .communication)
            #expect(Self.code(still) == "https.certificate-changed")

            let (accepted, acceptConsole, done) = try await bench.resume(document, ["--accept-new-certificate"])
            #expect(accepted == .success, "\(acceptConsole.stderr)")
            #expect(Self.status(done) == "applied")
            bench.expectWrittenOnce()
            #expect(acceptConsole.stderr.contains("new certificate SHA-256"))
        }
    }

    @Test func ctrlCStopsTheRunLogsOutAndTheResumeFinishes() async throws {
        try await withBench("ACE0106007", "127.0.6.7") { bench in
            let faults = bench.faults
            // Ctrl-C once the station has a session.
            let interrupts: @Sendable () -> AsyncStream<Void> = {
                AsyncStream { continuation in
                    Task {
                        for _ in 0..<400 where faults.logins == 0 { try? await Task.sleep(for: .milliseconds(10)) }
                        continuation.yield()
                    }
                }
            }
            let (status, console, document) = try await bench.run(["apply", bench.site, "--via", "https", "--yes", "--json", "--wait", "10"],
                                                                  interrupts: interrupts)
            #expect(status == .interrupted, "\(console.stderr)")
            #expect(document["interrupted"] as? Bool == true)
            let run = try #require(document["run"] as? String)
            #expect(console.stdout.contains("apply --resume \(run)"))
            #expect(faults.logins == 1 && faults.logouts == 1)

            let (resumed, resumeConsole, _) = try await bench.resume(document)
            #expect(resumed == .success, "\(resumeConsole.stderr)")
            bench.expectWrittenOnce()
            // The resume's session ends with its logout too (the one before its reboot ended with the reboot).
            #expect(faults.logouts == 2)
        }
    }

    @Test func onATerminalAnHTTPSRunAsksFirstAndANoSendsNothing() async throws {
        try await withBench("ACE0106008", "127.0.6.8") { bench in
            let console = RecordingConsole(isTerminal: true)
            let (status, _, _) = try await bench.run(["apply", bench.site, "--via", "https", "--wait", "10"], console: console, answer: "n")
            #expect(status == .invalidInput)
            #expect(console.stderr.contains("2062_0 = 25"))
            #expect(bench.faults.logins == 0 && bench.faults.writes.isEmpty)
        }
    }
}
