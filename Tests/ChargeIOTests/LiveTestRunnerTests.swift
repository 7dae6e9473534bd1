import AllocationCore
import ChargeIO
import StationModel
import Synchronization
import Testing

/// SPEC §8: the live test's procedure with fake ports — the original is journaled before the change and put back on
/// success, on a lost connection and on Ctrl-C; a restore that fails leaves the record for the next run.
@Suite struct LiveTestRunnerTests {
    /// One 3-phase station whose EV takes what the meter maximum leaves of it (house load 5 A per phase).
    static let site = Site(
        name: "runner", installation: Installation(phases: 3, maxCurrent: 63),
        alb: ALBSettings(source: .modbusTCP, maxCurrent: 40, safeCurrent: 10, includesChargers: true, station: "ACE1",
                         meter: MeterSettings(host: "127.0.0.1", unit: 5, preset: "socomec-countis-e27")),
        stations: [StationEntry(id: "ACE1", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32, phaseMapping: PhaseMapping(name: "L1L2L3"))])])

    /// The fake world: a clock that sleeping advances, a station that obeys the limit, and what was written.
    final class World: Sendable {
        struct State {
            var clock = 0.0
            var limit = 40.0
            var writes: [Double] = []
            var samples = 0
        }
        let state = Mutex(State())
        let failSampleAfter: Int?
        let refuseRestore: Bool
        let obeys: Bool
        /// Sleeping blocks (until cancelled) once the limit is lowered: the moment a person presses Ctrl-C.
        let hangs: Bool

        init(failSampleAfter: Int? = nil, refuseRestore: Bool = false, obeys: Bool = true, hangs: Bool = false) {
            self.hangs = hangs
            self.failSampleAfter = failSampleAfter
            self.refuseRestore = refuseRestore
            self.obeys = obeys
        }

        var writes: [Double] { state.withLock { $0.writes } }

        struct LostConnection: Error, CustomStringConvertible { var description: String { "connection lost" } }
        struct Refused: Error, CustomStringConvertible { var description: String { "Rejected" } }

        var ports: LiveTestRunner.Ports {
            LiveTestRunner.Ports(
                sample: {
                    try self.state.withLock { state in
                        state.samples += 1
                        if let limit = self.failSampleAfter, state.samples > limit { throw LostConnection() }
                        let ev = min(32, (self.obeys ? state.limit : 40) - 5)
                        return (PhaseCurrents.uniform(5 + ev), [0: LiveSocketSample(current: ev, phases: 3, appliedMax: ev)])
                    }
                },
                write: { value in
                    try self.state.withLock { state in
                        if self.refuseRestore, !state.writes.isEmpty { throw Refused() }
                        state.writes.append(value)
                        state.limit = value
                    }
                },
                readBack: { self.state.withLock { $0.limit } },
                sleep: { duration in
                    if self.hangs { try await Task.sleep(for: .seconds(600)) }
                    try Task.checkCancellation()
                    self.state.withLock { $0.clock += Double(duration.components.seconds) }
                },
                now: { self.state.withLock { $0.clock } },
                timestamp: { "2026-12-06T09:00:00Z" })
        }
    }

    func journal() -> (PendingRestoreJournal, MemoryFiles) {
        let files = MemoryFiles()
        return (PendingRestoreJournal(path: "/state/chargectl/pending-restore.json", storage: files.storage), files)
    }

    @Test func aHeldLimitPassesAndTheOriginalIsBack() async throws {
        let world = World()
        let (journal, _) = journal()
        let records = Mutex<[PendingRestore]>([])
        let outcome = try await LiveTestRunner(ports: world.ports, journal: journal).run(
            site: Self.site, siteName: "runner.yaml", link: .ocpp, original: 40) { _ in
                // The confirmation comes before the record and the change.
                records.withLock { $0 = (try? journal.load().pending) ?? [] }
            }
        #expect(records.withLock { $0 }.isEmpty)
        let plan = try #require(outcome.report.limit)
        #expect(world.writes == [plan, 40])
        #expect(outcome.cutShort == nil)
        #expect(outcome.report.findings.map(\.severity) == [.pass, .pass, .pass], "\(outcome.report.findings.map(\.message))")
        #expect(outcome.report.findings.map(\.code) == ["verify.live.limit-held", "verify.live.phase-mapping", "verify.live.restored"])
        #expect(outcome.report.samples.count >= 30)
        #expect(try journal.load().pending.isEmpty, "cleared after the read-back")
    }

    @Test func aLostConnectionStillRestoresAndTheTestFails() async throws {
        let world = World(failSampleAfter: 5)
        let (journal, _) = journal()
        let outcome = try await LiveTestRunner(ports: world.ports, journal: journal).run(site: Self.site, siteName: nil, link: .ocpp, original: 40)
        #expect(world.writes.last == 40)
        #expect(outcome.cutShort == "connection lost")
        #expect(outcome.report.findings.first?.severity == .fail)
        #expect(outcome.report.findings.last?.code == "verify.live.restored")
        #expect(outcome.report.findings.last?.severity == .pass)
        #expect(try journal.load().pending.isEmpty)
    }

    @Test func ctrlCRestoresBeforeTheCommandEnds() async throws {
        let world = World(hangs: true)
        let (journal, _) = journal()
        let runner = LiveTestRunner(ports: world.ports, journal: journal)
        let task = Task { try await runner.run(site: Self.site, siteName: nil, link: .ocpp, original: 40) }
        // Cancel once the limit is lowered.
        for _ in 0..<500 where world.writes.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(world.writes.count == 1)
        task.cancel()
        let outcome = try await task.value
        #expect(world.writes.last == 40)
        #expect(outcome.cutShort == "interrupted")
        #expect(try journal.load().pending.isEmpty)
    }

    @Test func aRefusedRestoreKeepsTheRecordForTheNextRun() async throws {
        let world = World(refuseRestore: true)
        let (journal, _) = journal()
        let outcome = try await LiveTestRunner(ports: world.ports, journal: journal).run(site: Self.site, siteName: "runner.yaml", link: .ocpp, original: 40)
        let restored = try #require(outcome.report.findings.last)
        #expect(restored.code == "verify.live.restored")
        #expect(restored.severity == .fail)
        #expect(restored.message.contains("Rejected"))
        let pending = try journal.load().pending
        #expect(pending.map(\.station) == ["ACE1"])
        #expect(pending.first?.original == 40)
        #expect(pending.first?.startedAt == "2026-12-06T09:00:00Z")
    }

    @Test func aStationThatIgnoresTheLimitFailsLimitHeld() async throws {
        let world = World(obeys: false)
        let (journal, _) = journal()
        let outcome = try await LiveTestRunner(ports: world.ports, journal: journal).run(site: Self.site, siteName: nil, link: .ocpp, original: 40)
        #expect(outcome.report.findings.first?.code == "verify.live.limit-held")
        #expect(outcome.report.findings.first?.severity == .fail)
        #expect(world.writes.last == 40)
    }

    @Test func withoutAJournalNothingIsLowered() async throws {
        let world = World()
        await #expect(throws: LiveTestRunner.RunError.self) {
            _ = try await LiveTestRunner(ports: world.ports, journal: nil).run(site: Self.site, siteName: nil, link: .ocpp, original: 40)
        }
        #expect(world.writes.isEmpty)
    }
}
