import ChargeIO
import ChargeTestSupport
import Foundation
import StationModel
import Synchronization
import AllocationCore
import OCPP16
import Testing

/// SPEC §6 live runs over a scripted directory: parallel stations, Reset and reconnect, rollback, the SCN's
/// all-or-nothing, resume without writing twice, secrets never stored in clear.
@Suite struct PlanExecutorTests {
    static let base: [String: String] = [
        "Station-MaxCurrent": "16", "Connector1-MaxCurrent": "16", "SCN-IsEnabled": "False", "SCN-NetworkName": "",
        "SCN-SocketID": "0", "SCN-SocketCount": "1", "SCN-TotalStaticCurrent": "0", "SCN-SocketSafeCurrent": "6",
        "SCN-AlternatingPeriod": "900", "SCN-PhaseMapping-1": "4", "SCN-PhaseMapping-2": "0",
        "AuthorizationKey": "0123456789abcdef", "UnlockedFeatures": "5", "HeartbeatInterval": "300",
    ]

    /// A station without a licence yet.
    static let unlicensed = base.merging(["UnlockedFeatures": "0"]) { $1 }

    static func writes(_ changes: [SettingChange]) -> [PlannedWrite] {
        (try? RunPlan.compile(Plan(stations: [StationPlan(station: "X", changes: changes)]), command: "t", for: .ocpp))?.stations.first?.writes ?? []
    }

    static func scnPlan(_ ids: [String]) throws -> RunPlan {
        let members = ids.enumerated().map { SCNMember(station: $1, firstSocketID: $0, socketCount: 1, mappings: [PhaseMapping.rotation[0]]) }
        return try RunPlan.compile(Plan(stations: SCNPlanner.create(members, SCNParameters(name: "PLAZA", totalCurrent: 40))),
                                   command: "scn-create", for: .ocpp)
    }

    static func unlockPlan(_ key: LicenceKey, expect: [String] = []) throws -> RunPlan {
        try RunPlan.compile(Plan(stations: [UnlockPlanner.plan(station: "A", key: key)]), command: "unlock", for: .ocpp, expect: expect)
    }

    /// The journal's events, by name.
    static func eventNames(_ text: String) throws -> [String] {
        try RunJournal.contents(of: text).lines.map { String("\($0.event)".prefix { $0 != "(" }) }
    }

    @Test func stationsRunInParallelEachRebootedOnceAndReadBack() async throws {
        let stations = ["A", "B", "C"].map { ScriptedStation($0, values: Self.base) }
        let gate = ArrivalGate(expected: 3)
        let directory = GatedDirectory(ScriptedDirectory(stations), gate: gate)
        let files = MemoryFiles()
        let results = try await files.executor(directory).run(try Self.scnPlan(["A", "B", "C"]), runDirectory: "/state/runs/r1")
        #expect(gate.allArrivedTogether, "every station was waited for before any finished connecting")
        #expect(results.map(\.status) == [.applied, .applied, .applied], "\(results.map(\.error))")
        for station in stations {
            #expect(station.snapshot.resets == [.soft])
            #expect(station.snapshot.values["SCN-NetworkName"] == "PLAZA" && station.snapshot.values["SCN-SocketCount"] == "3")
        }
        #expect(results[1].changes.first { $0.key == "SCN-SocketID" }.map { ($0.from, $0.to, $0.status) } ?? (nil, "", .notSent) == ("0", "1", .applied))
        #expect(results[0].changes.first { $0.key == "SCN-SocketID" }?.status == .unchanged, "A already has socket id 0")
        #expect(!stations[0].writtenKeys.contains("SCN-SocketID"), "a key already at its target is not written")
        #expect(results.allSatisfy { $0.backup?.hasPrefix("/state/chargectl/backups/") ?? false })
    }

    @Test func rebootRequiredResetsReconnectsAndReadsBack() async throws {
        let station = ScriptedStation("A", values: Self.base)
        station.update { $0.answers["Station-MaxCurrent"] = .rebootRequired }
        let files = MemoryFiles()
        let progress = Lines()
        let plan = RunPlan(command: "t", stations: [.init(station: "A", writes: Self.writes([SettingChange(.stationMaxCurrent, .amperes(32))]))])
        let results = try await files.executor(ScriptedDirectory([station]), progress: progress).run(plan, runDirectory: "/state/runs/r2")
        #expect(results.first?.status == .applied)
        #expect(results.first?.changes.first?.status == .applied)
        #expect(station.snapshot.generation == 1, "read back over the connection after the reboot")
        let text = progress.text
        #expect(text.contains("A: Station-MaxCurrent 16 → 32 RebootRequired"))
        #expect(text.contains("A: rebooting, waiting up to 120 s"))
        #expect(try Self.eventNames(files["/state/runs/r2/journal.jsonl"] ?? "") == ["connected", "backedUp", "wrote", "resetAnswered", "booted", "readBack"])
    }

    @Test func aSoftResetRefusedFallsBackToHard() async throws {
        let station = ScriptedStation("A", values: Self.base)
        station.update { $0.resetAnswers[.soft] = .rejected }
        let plan = RunPlan(command: "t", stations: [.init(station: "A", writes: Self.writes([SettingChange(.stationMaxCurrent, .amperes(32))]))])
        let results = try await MemoryFiles().executor(ScriptedDirectory([station])).run(plan, runDirectory: "/r")
        #expect(results.first?.status == .applied)
        #expect(station.snapshot.resets == [.soft, .hard])
    }

    @Test func notSupportedMidPlanRestoresEarlierChangesAndIsExit4() async throws {
        let station = ScriptedStation("A", values: Self.base)
        station.update { $0.answers["SCN-NetworkName"] = .notSupported }
        let plan = RunPlan(command: "t", stations: [.init(station: "A", writes: Self.writes([
            SettingChange(.stationMaxCurrent, .amperes(32)), SettingChange(.scnEnabled, .bool(true)), SettingChange(.scnName, .text("PLAZA")),
            SettingChange(.scnSocketCount, .integer(3)),
        ]))])
        let results = try await MemoryFiles().executor(ScriptedDirectory([station])).run(plan, runDirectory: "/r")
        let result = try #require(results.first)
        #expect(result.status == .rolledBack && result.severity == .refused)
        #expect(result.error?.message.contains("SCN-NetworkName was answered NotSupported") ?? false)
        #expect(station.writtenKeys == ["Station-MaxCurrent", "SCN-IsEnabled", "SCN-NetworkName", "SCN-IsEnabled", "Station-MaxCurrent"])
        #expect(station.snapshot.values["Station-MaxCurrent"] == "16" && station.snapshot.values["SCN-IsEnabled"] == "False")
        #expect(result.changes.map(\.status) == [.restored, .restored, .notSupported, .notSent])
        #expect(station.snapshot.resets.count == 1, "the restored values take effect at one reboot")
    }

    @Test func whenOneSCNMemberRefusesEveryMemberRestoresItsSCNSettingsBeforeItsOnlyReboot() async throws {
        let stations = ["A", "B", "C"].map { ScriptedStation($0, values: Self.base) }
        stations[2].update { $0.answers["SCN-TotalStaticCurrent"] = .rejected }
        let results = try await MemoryFiles().executor(ScriptedDirectory(stations)).run(try Self.scnPlan(["A", "B", "C"]), runDirectory: "/r")
        #expect(results.map(\.status) == [.rolledBack, .rolledBack, .rolledBack])
        #expect(results.allSatisfy { $0.severity == .refused })
        #expect(results[0].error?.message.contains("C: SCN-TotalStaticCurrent was answered Rejected") ?? false)
        for station in stations {
            #expect(station.snapshot.values["SCN-SocketCount"] == "1", "\(station.identity) counts no station that did not join")
            #expect(station.snapshot.values["SCN-NetworkName"] == "")
            #expect(station.snapshot.resets.count <= 1, "\(station.identity) is not rebooted twice")
        }
    }

    @Test func resumeAfterADroppedConnectionWritesNothingTwice() async throws {
        let station = ScriptedStation("A", values: Self.base)
        station.update { $0.dropAfterWrites = 2 }
        let files = MemoryFiles()
        let plan = try Self.scnPlan(["A"])
        let first = try await files.executor(ScriptedDirectory([station])).run(plan, runDirectory: "/state/runs/r3")
        #expect(first.first?.status == .failed && first.first?.severity == .communication)
        let written = station.writtenKeys
        #expect(written.count == 2)

        station.update { $0.online = true; $0.dropAfterWrites = nil; $0.generation += 1 }
        let saved = try PlanExecutor.savedPlan(in: "/state/runs/r3", storage: files.storage)
        let second = try await files.executor(ScriptedDirectory([station])).resume(saved, runDirectory: "/state/runs/r3")
        #expect(second.first?.status == .applied, "\(String(describing: second.first?.error))")
        let all = station.writtenKeys
        #expect(Set(all).count == all.count, "no key written twice: \(all)")
        #expect(Array(all.prefix(2)) == written)
        #expect(station.snapshot.values["SCN-SocketCount"] == "1" && station.snapshot.values["SCN-NetworkName"] == "PLAZA")
        #expect(files.paths.filter { $0.contains("/backups/") }.count == 1, "the journal's backup is reused, not taken again")

        let third = try await files.executor(ScriptedDirectory([station])).resume(saved, runDirectory: "/state/runs/r3")
        #expect(third.first?.status == .applied && station.writtenKeys == all, "a finished run resumes to nothing")
    }

    @Test func secretsNeverReachTheJournalThePlanOrTheBackup() async throws {
        let station = ScriptedStation("A", values: Self.unlicensed)
        station.update { $0.featuresAfterLicence = "5" }
        let key = try LicenceKey("1a2b.3c4d.5e6f.7a8b.9c0d.1e2f")
        let plan = try Self.unlockPlan(key, expect: ["alb"])
        let files = MemoryFiles()
        let progress = Lines()
        let results = try await files.executor(ScriptedDirectory([station]), progress: progress).run(plan, runDirectory: "/state/runs/r4")
        #expect(results.first?.status == .applied, "\(String(describing: results.first?.error))")
        #expect(station.snapshot.writes.first?.value == "1A2B.3C4D.5E6F.7A8B.9C0D.1E2F", "the station gets the key")
        for path in files.paths {
            let text = files[path] ?? ""
            #expect(!text.contains("1A2B") && !text.contains("0123456789abcdef"), "\(path) holds a secret")
        }
        #expect(!progress.text.contains("1A2B") && !progress.text.contains("0123456789abcdef"))
        #expect(results.first?.changes.first.map { ($0.key, $0.to) } ?? ("", "") == ("FeatureLicenseKey", "***"))
    }

    @Test func anUnlockThatGainsNoExpectedFeatureIsExit4AndOldFirmwareNeedsNone() async throws {
        let station = ScriptedStation("A", values: Self.unlicensed)
        station.update { $0.featuresAfterLicence = "1" }
        let key = try LicenceKey("1a2b.3c4d.5e6f.7a8b.9c0d.1e2f")
        let plan = try Self.unlockPlan(key, expect: ["alb"])
        let results = try await MemoryFiles().executor(ScriptedDirectory([station])).run(plan, runDirectory: "/r")
        #expect(results.first?.status == .failed && results.first?.severity == .refused)
        #expect(results.first?.error?.message.contains("lacks alb") ?? false)

        let old = ScriptedStation("A", values: Self.unlicensed, firmware: "3.3.2")
        let progress = Lines()
        let oldResults = try await MemoryFiles().executor(ScriptedDirectory([old]), progress: progress).run(plan, runDirectory: "/r")
        #expect(oldResults.first?.status == .unchanged && oldResults.first?.severity == .ok)
        #expect(old.snapshot.writes.isEmpty)

        let quiet = ScriptedStation("A", values: Self.unlicensed, firmware: "3.3.2")
        quiet.update { $0.reconnectedWithoutBoot = true }
        let quietResults = try await MemoryFiles().executor(ScriptedDirectory([quiet])).run(plan, runDirectory: "/r")
        #expect(quietResults.first?.status == .unchanged && quiet.snapshot.writes.isEmpty)
        #expect(quiet.snapshot.triggered == [.bootNotification], "a reconnect without a boot is asked for one to learn the firmware")
    }

    @Test func resumingALicenceStepWithoutItsKeyIsInvalidInputNotAWrite() async throws {
        let station = ScriptedStation("A", values: Self.unlicensed)
        station.update { $0.online = false }
        let key = try LicenceKey("1a2b.3c4d.5e6f.7a8b.9c0d.1e2f")
        let plan = try Self.unlockPlan(key)
        let files = MemoryFiles()
        _ = try await files.executor(ScriptedDirectory([station])).run(plan, runDirectory: "/state/runs/r5")
        station.update { $0.online = true }
        let saved = try PlanExecutor.savedPlan(in: "/state/runs/r5", storage: files.storage)
        #expect(saved.stations.first?.unlock?.write.value == "***", "the saved plan holds no key")
        let results = try await files.executor(ScriptedDirectory([station])).resume(saved, runDirectory: "/state/runs/r5")
        #expect(results.first?.severity == .invalid && results.first?.error?.code == "run.secret-needed")
        #expect(station.snapshot.writes.isEmpty, "the mask is never written as a key")

        let raw = RunPlan(command: "config-set", stations: [.init(station: "A", writes: [PlannedWrite(rawKey: "AuthorizationKey", value: "s3cret-s3cret")])])
        station.update { $0.online = false }
        _ = try await files.executor(ScriptedDirectory([station])).run(raw, runDirectory: "/state/runs/r6")
        station.update { $0.online = true }
        let savedRaw = try PlanExecutor.savedPlan(in: "/state/runs/r6", storage: files.storage)
        let rawResults = try await files.executor(ScriptedDirectory([station])).resume(savedRaw, runDirectory: "/state/runs/r6")
        #expect(rawResults.first?.error?.code == "run.secret-needed" && station.snapshot.writes.isEmpty)
        #expect(!(files["/state/runs/r6/plan.json"] ?? "").contains("s3cret"))
    }

    @Test func aStationThatNeverConnectsFailsAloneWithExit3() async throws {
        let present = ScriptedStation("A", values: Self.base)
        let plan = RunPlan(command: "t", stations: [
            .init(station: "A", writes: Self.writes([SettingChange(.stationMaxCurrent, .amperes(32))])),
            .init(station: "GONE", writes: Self.writes([SettingChange(.stationMaxCurrent, .amperes(32))])),
        ])
        let results = try await MemoryFiles().executor(ScriptedDirectory([present])).run(plan, runDirectory: "/r")
        #expect(results.map(\.status) == [.applied, .failed])
        #expect(results[1].severity == .communication)
    }
}

/// In-memory run storage.
final class MemoryFiles: Sendable {
    private let files = Mutex<[String: String]>([:])
    subscript(path: String) -> String? { files.withLock { $0[path] } }
    var paths: [String] { files.withLock { Array($0.keys) } }

    var storage: RunStorage {
        RunStorage(makeDirectory: { _ in }, write: { path, text in self.files.withLock { $0[path] = text } },
                   append: { path, line in self.files.withLock { $0[path, default: ""] += line } },
                   read: { path in
                       guard let text = self.files.withLock({ $0[path] }) else { throw CocoaError(.fileNoSuchFile) }
                       return text
                   })
    }

    func executor(_ directory: any StationDirectory, progress: Lines = Lines()) -> PlanExecutor {
        PlanExecutor(directory: directory, storage: storage,
                     settings: .init(variables: ["XDG_STATE_HOME": "/state"], now: { Date(timeIntervalSince1970: 1_747_217_700) }),
                     progress: { progress.append($0) })
    }
}

final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

/// Proves parallelism without a clock: each station's first connect waits until all have asked (or gives up).
final class ArrivalGate: Sendable {
    private let state = Mutex<(arrived: Int, waiters: [CheckedContinuation<Void, Never>], together: Bool)>((0, [], false))
    let expected: Int
    init(expected: Int) { self.expected = expected }

    var allArrivedTogether: Bool { state.withLock { $0.together } }

    func arrive() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.arrived += 1
                state.waiters.append(continuation)
                guard state.arrived == expected else { return [] }
                state.together = true
                defer { state.waiters = [] }
                return state.waiters
            }
            ready.forEach { $0.resume() }
        }
    }
}

/// Holds every station's first connect at the gate.
final class GatedDirectory: StationDirectory {
    let inner: ScriptedDirectory
    let gate: ArrivalGate
    private let seen = Mutex<Set<String>>([])
    var listeningAddress: String { inner.listeningAddress }

    init(_ inner: ScriptedDirectory, gate: ArrivalGate) {
        self.inner = inner
        self.gate = gate
    }

    func waitForStation(_ identity: String, timeout: Swift.Duration,
                        replacing previous: (any StationConnection)?) async throws(StationError) -> any StationConnection {
        if seen.withLock({ $0.insert(identity).inserted }) { await gate.arrive() }
        return try await inner.waitForStation(identity, timeout: timeout, replacing: previous)
    }

    func shutdown() async { await inner.shutdown() }
}

/// SPEC §6: backups, plans and journals hold whole station configurations: only their owner may read them.
@Suite struct RunFilesArePrivateTests {
    @Test func foldersAre0700AndFiles0600() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let station = ScriptedStation("A", values: PlanExecutorTests.base)
        let executor = PlanExecutor(directory: ScriptedDirectory([station]), storage: .files, settings: .init(variables: ["XDG_STATE_HOME": root]))
        let plan = RunPlan(command: "t", stations: [.init(station: "A", writes: PlanExecutorTests.writes([SettingChange(.stationMaxCurrent, .amperes(32))]))])
        let results = try await executor.run(plan, runDirectory: root + "/chargectl/runs/r1")
        #expect(results.first?.status == .applied)
        func mode(_ path: String) throws -> Int {
            ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
        }
        let backup = try #require(results.first?.backup)
        for folder in [root + "/chargectl/runs/r1", root + "/chargectl/runs", root + "/chargectl/backups/A"] {
            #expect(try mode(folder) == 0o700, "\(folder)")
        }
        for file in [root + "/chargectl/runs/r1/plan.json", root + "/chargectl/runs/r1/journal.jsonl", backup] {
            #expect(try mode(file) == 0o600, "\(file)")
        }
    }

    @Test func aCutLastLineIsDroppedAndADamagedOneRefused() throws {
        let good = #"{"event":{"noBoot":{}},"station":"A"}"#
        let torn = try RunJournal.contents(of: good + "\n" + #"{"event":{"wro"#)
        #expect(torn.lines.count == 1 && torn.droppedTornLastLine)
        #expect(throws: RunJournal.DamageError.damagedLine(2)) { try RunJournal.contents(of: good + "\nnot json\n" + good + "\n") }
        #expect(throws: RunJournal.DamageError.damagedLine(2)) { try RunJournal.contents(of: good + "\nnot json\n") }
    }
}
