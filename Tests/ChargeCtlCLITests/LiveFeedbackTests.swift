@testable import ChargeCtlCLI
import AllocationCore
import ChargeIO
import ChargeTestSupport
import DNSSD
import Foundation
import ModbusProtocol
import Synchronization
import Testing

/// Issue 14 items 2 and 4 for live runs: warnings in the document, Ctrl-C, the question before a write on a
/// terminal, progress on stderr, the summary, and where a station that never came should point.
@Suite struct LiveFeedbackTests {
    @Test func liveRunsCarryTheirWarningsInTheDocumentAsTheDryRunDoes() async throws {
        let arguments = ["scn", "create", "--name", "AB", "--total-current", "32", "--socket-safe-current", "4",
                         "--station", "A", "--station", "B", "--json"]
        let live = LiveCLI(ScriptedDirectory(LiveCommandTests.stations("A", "B")))
        let (dryStatus, dry) = try await live.run(arguments + ["--dry-run"])
        #expect(dryStatus == .success, "\(dry.stderr)")
        let planned = try #require(try TestCLI.json(dry.stdout)["warnings"] as? [[String: Any]])
        #expect(!planned.isEmpty)
        let (status, console) = try await live.run(arguments)
        #expect(status == .success, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        let warnings = try #require(document["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["code"] as? String } == planned.map { $0["code"] as? String })
        #expect(Set(warnings[0].keys).isSuperset(of: ["severity", "code", "message", "hint"]))
        #expect(document["interrupted"] as? Bool == false)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["applied"] as? Int == 2 && summary["unchanged"] as? Int == 0 && summary["failed"] as? Int == 0)
        #expect(console.stderr.contains("warning: "), "and said on stderr as well")
    }

    /// Ctrl-C after the station's backup: the run stops before its first write, says so in one document with the
    /// run id (exit 130), and `apply --resume RUN` finishes it from the journal.
    /// Runs `arguments` against station A and presses Ctrl-C once A's backup is saved.
    static func interruptedAfterBackup(_ arguments: [String]) async throws
        -> (status: ChargeCtlCLI.ExitStatus, console: RecordingConsole, live: LiveCLI, station: ScriptedStation) {
        let station = ScriptedStation("A", values: LiveCommandTests.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let console = RecordingConsole(onErr: { text in
            guard text.contains("A: backup saved") else { return }
            continuation.yield()
            // The signal's watcher cancels the run; here the station's own task stops at once, so where the run
            // stops is the same every time.
            withUnsafeCurrentTask { $0?.cancel() }
        })
        let (status, _) = try await live.run(arguments, console: console) { env in env.interrupts = { stream } }
        return (status, console, live, station)
    }

    @Test func anInterruptedRunPrintsItsPartialResultAndResumes() async throws {
        let (status, console, live, station) = try await Self.interruptedAfterBackup(["config", "set", "A", "HeartbeatInterval=60", "--json"])
        #expect(status == .interrupted, "\(console.stderr)")
        let document = try TestCLI.json(console.stdout)
        #expect(console.stdout.split(separator: "\n").count == 1)
        #expect(document["ok"] as? Bool == false && document["interrupted"] as? Bool == true)
        let runID = try #require(document["run"] as? String)
        let result = try #require((document["stations"] as? [[String: Any]])?.first)
        #expect((result["error"] as? [String: Any])?["code"] as? String == "run.interrupted")
        #expect(((result["error"] as? [String: Any])?["hint"] as? String)?.contains("apply --resume \(runID)") == true)
        #expect(station.writtenKeys.isEmpty, "stopped before the first write")

        let (resumed, resumedConsole) = try await live.run(["apply", "--resume", runID, "--json"])
        #expect(resumed == .success, "\(resumedConsole.stderr)")
        #expect(station.snapshot.values["HeartbeatInterval"] == "60" && station.writtenKeys == ["HeartbeatInterval"])
    }

    @Test func theTextModeOfAnInterruptedRunPrintsTheResumeLine() async throws {
        let (status, console, _, _) = try await Self.interruptedAfterBackup(["config", "set", "A", "HeartbeatInterval=60"])
        #expect(status == .interrupted)
        let runID = try #require(console.stderr.firstMatch(of: /run (\S+): journal/)?.output.1)
        #expect(console.stderr.contains("chargectl apply --resume \(runID)"))
        #expect(console.stdout.contains("1 station in"), "the summary")
    }

    /// On a terminal: the plan, the question, the board on stderr; "n" sends nothing.
    @Test func onATerminalTheCommandAsksBeforeWriting() async throws {
        let station = ScriptedStation("A", values: LiveCommandTests.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        let asked = Mutex<[String]>([])
        let terminal = RecordingConsole(isTerminal: true)
        let (declined, _) = try await live.run(["config", "set", "A", "HeartbeatInterval=60", "Station-MaxCurrent=10"], console: terminal) { env in
            env.readLine = { prompt in asked.withLock { $0.append(prompt) }; return "n" }
        }
        #expect(declined == .invalidInput)
        #expect(asked.withLock { $0 } == ["Apply 2 changes to 1 station? [y/N] "])
        #expect(terminal.stderr.contains("HeartbeatInterval = 60"), "the plan is shown first")
        #expect(station.writtenKeys.isEmpty && live.directory.configurations.isEmpty, "nothing sent, no listener started")

        let again = RecordingConsole(isTerminal: true)
        let (accepted, _) = try await live.run(["config", "set", "A", "HeartbeatInterval=60"], console: again) { env in
            env.readLine = { _ in "y" }
        }
        #expect(accepted == .success, "\(again.stderr)")
        #expect(again.stderr.contains("\u{1B}["), "the board updates in place on a terminal")
        #expect(!again.stdout.contains("\u{1B}[1F"), "nothing of the board on stdout")
        #expect(station.snapshot.values["HeartbeatInterval"] == "60")
    }

    @Test func noQuestionWithYesWithJSONOrWithoutATerminal() async throws {
        let station = ScriptedStation("A", values: LiveCommandTests.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        for (arguments, terminal) in [(["--yes"], true), (["--json"], true), ([], false)] {
            let console = RecordingConsole(isTerminal: terminal)
            // The test environment's line reader refuses: a question would fail the run.
            let (status, _) = try await live.run(["config", "set", "A", "HeartbeatInterval=61"] + arguments, console: console)
            #expect(status == .success, "\(arguments): \(console.stderr)")
        }
    }

    @Test func theBoardShowsEachStationAndItsCountdown() {
        let now = Date(timeIntervalSince1970: 1000)
        let lines = ProgressBoard.render(
            stations: ["A", "CP-22"],
            entries: ["A": .init(text: "rebooting, waiting up to 120 s …", deadline: now.addingTimeInterval(86.2)),
                      "CP-22": .init(text: "backup saved to /b.json (40 keys)")],
            now: now, width: 100)
        #expect(lines == ["A      rebooting, waiting up to 120 s … 87 s left", "CP-22  backup saved to /b.json (40 keys)"])
        #expect(ProgressBoard.render(stations: ["A"], entries: ["A": .init(text: String(repeating: "x", count: 200))], now: now, width: 40)[0].count == 39)
        #expect(ProgressBoard.announcesWait("waiting for the station on 127.0.0.1:8180 (up to 120 s) …"))
    }

    @Test func aStationThatNeverComesIsToldThisMachinesRealAddresses() async throws {
        let interfaces = [MDNSInterface(name: "lo", address: IPv4Address(127, 0, 0, 1), isLoopback: true),
                          MDNSInterface(name: "eth0", address: IPv4Address(192, 168, 1, 23)),
                          MDNSInterface(name: "wlan0", address: IPv4Address(10, 0, 0, 5))]
        let any = ReachableAddress.addresses(listening: "0.0.0.0:8180") { interfaces }
        #expect(ReachableAddress.urls(any, station: "X", listening: "0.0.0.0:8180")
                == "ws://192.168.1.23:8180/ocpp/X (eth0) or ws://10.0.0.5:8180/ocpp/X (wlan0)")
        let one = ReachableAddress.addresses(listening: "192.168.1.23:8180") { interfaces }
        #expect(one == [ReachableAddress(interface: "eth0", hostPort: "192.168.1.23:8180")])

        let (status, console) = try await LiveCLI(ScriptedDirectory([])).run(["config", "set", "X", "HeartbeatInterval=60", "--json"]) { env in
            env.interfaces = { interfaces }
        }
        #expect(status == .communication)
        let hint = try #require((try TestCLI.json(console.stdout)["error"] as? [String: Any])?["hint"] as? String)
        #expect(hint.contains("ws://127.0.0.1:8180/ocpp/X (lo)") && !hint.contains("0.0.0.0"), "\(hint)")
    }

    @Test func configGetNamesTheUnlockedFeatures() async throws {
        let station = ScriptedStation("A", values: LiveCommandTests.base)
        let (status, console) = try await LiveCLI(ScriptedDirectory([station])).run(["config", "get", "A", "UnlockedFeatures"])
        #expect(status == .success, "\(console.stderr)")
        #expect(console.stdout.contains("5 (scn, alb)"))
    }

    @Test func aMeterWithNoLoadIsAWarningNotAFailure() async throws {
        let bank = try MeterCommandTests.meter("eastron-sdm630", [.currentL1: 0, .currentL2: 0, .currentL3: 0], identity: [0x0070])
        let run = try await MeterCommandTests.run(bank) { ["meter", "test", "127.0.0.1:\($0)", "--preset", "eastron-sdm630", "--json"] }
        #expect(run.status == .success, "\(run.stderr)")
        let document = try TestCLI.json(run.stdout)
        #expect(document["ok"] as? Bool == true)
        let zero = try #require((document["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "meter.current.zero" })
        #expect(zero["severity"] as? String == "warn" && (zero["hint"] as? String)?.contains("switch on a load") == true)
    }
}
