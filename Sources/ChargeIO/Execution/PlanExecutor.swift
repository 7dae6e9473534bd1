import Foundation
import StationModel

/// Runs a live plan (SPEC §1 `apply`, §6): every station in parallel over any `StationDirectory`, each one backed
/// up, written, reset, read back and, on a refusal, restored — the decisions come from `StationRun`, this type
/// only performs them, journals each step and reports progress.
public struct PlanExecutor: Sendable {
    public struct Settings: Sendable {
        /// How long to wait for a station to connect, and to come back after a Reset (`--wait`).
        public var wait: Swift.Duration
        /// `--backup-dir`; nil for `$XDG_STATE_HOME/chargectl/backups`.
        public var backupDirectory: String?
        public var variables: [String: String]
        public var now: @Sendable () -> Date

        public init(wait: Swift.Duration = .seconds(120), backupDirectory: String? = nil, variables: [String: String],
                    now: @escaping @Sendable () -> Date = { Date() }) {
            self.wait = wait
            self.backupDirectory = backupDirectory
            self.variables = variables
            self.now = now
        }
    }

    public let directory: any StationDirectory
    public let storage: RunStorage
    public let settings: Settings
    /// One line per event, without a newline (`CP-1: backup saved to …`); the CLI prints them on stderr.
    public let progress: @Sendable (String) -> Void

    public init(directory: any StationDirectory, storage: RunStorage, settings: Settings,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.storage = storage
        self.settings = settings
        self.progress = progress
    }

    /// Starts a new run: saves the plan (secrets masked) and journals into `runDirectory`.
    public func run(_ plan: ExecutionPlan, runDirectory: String) async throws -> [StationResult] {
        try storage.makeDirectory(runDirectory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try storage.write(runDirectory + "/plan.json", String(decoding: try encoder.encode(plan.masked), as: UTF8.self) + "\n")
        return await execute(plan, journal: RunJournal(path: runDirectory + "/journal.jsonl", storage: storage), earlier: [])
    }

    /// Finishes an interrupted run from its journal: what the journal shows as written is not written again.
    public func resume(_ plan: ExecutionPlan, runDirectory: String) async throws -> [StationResult] {
        let path = runDirectory + "/journal.jsonl"
        let earlier = RunJournal.entries(in: (try? storage.read(path)) ?? "")
        return await execute(plan, journal: RunJournal(path: path, storage: storage), earlier: earlier)
    }

    /// The plan saved by `run`; its secret values are masked, so a step still to send one needs it again.
    public static func savedPlan(in runDirectory: String, storage: RunStorage) throws -> ExecutionPlan {
        try JSONDecoder().decode(ExecutionPlan.self, from: Data(try storage.read(runDirectory + "/plan.json").utf8))
    }

    func execute(_ plan: ExecutionPlan, journal: RunJournal, earlier: [JournalEntry]) async -> [StationResult] {
        let members = Set(plan.stations.filter(\.isSCNMember).map(\.station))
        let barrier = members.count > 1 ? SCNGroupBarrier(members: members) : nil
        let results = await withTaskGroup(of: (Int, StationResult).self) { group in
            for (index, station) in plan.stations.enumerated() {
                let driver = StationDriver(executor: self, plan: station, journal: journal, earlier: earlier,
                                           barrier: members.contains(station.station) ? barrier : nil)
                group.addTask { (index, await driver.run()) }
            }
            var results: [(Int, StationResult)] = []
            for await result in group { results.append(result) }
            return results
        }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
