import Foundation
import StationModel

/// Runs a live plan (SPEC §1 `apply`, §6): every station in parallel over its `StationLink`, each driven by its
/// `StationRun`; this type only wires them up, saves the plan and hands out the journal.
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

    /// The link to each station, by identity.
    public let links: @Sendable (String) -> any StationLink
    public let storage: RunStorage
    public let settings: Settings
    /// One line per event, without a newline (`CP-1: backup saved to …`); the CLI prints them on stderr.
    public let progress: @Sendable (String) -> Void

    public init(links: @escaping @Sendable (String) -> any StationLink, storage: RunStorage, settings: Settings,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.links = links
        self.storage = storage
        self.settings = settings
        self.progress = progress
    }

    /// Over the OCPP link: stations dial `directory`.
    public init(directory: any StationDirectory, storage: RunStorage, settings: Settings,
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(links: { OCPPStationLink(station: $0, directory: directory) }, storage: storage, settings: settings, progress: progress)
    }

    /// Starts a new run: saves the plan (secrets masked) and journals into `runDirectory`.
    public func run(_ plan: RunPlan, runDirectory: String) async throws -> [StationResult] {
        try storage.makeDirectory(runDirectory)
        try storage.write(runDirectory + "/plan.json", try Self.encoded(plan.masked))
        return await execute(plan, journal: RunJournal(path: runDirectory + "/journal.jsonl", storage: storage), earlier: nil)
    }

    /// Finishes an interrupted run from its journal: the events are replayed, so nothing the journal shows as
    /// written is written again. A journal damaged before its last line is refused (`RunJournal.DamageError`).
    public func resume(_ plan: RunPlan, runDirectory: String) async throws -> [StationResult] {
        let path = runDirectory + "/journal.jsonl"
        let earlier = try RunJournal.contents(of: (try? storage.read(path)) ?? "")
        if earlier.droppedTornLastLine { progress("the journal's last line was cut short by the interruption; that step is done again") }
        return await execute(plan, journal: RunJournal(path: path, storage: storage), earlier: earlier)
    }

    /// The plan saved by `run`; its secret values are masked, so a step still to send one needs it again.
    public static func savedPlan(in runDirectory: String, storage: RunStorage) throws -> RunPlan {
        try JSONDecoder().decode(RunPlan.self, from: Data(try storage.read(runDirectory + "/plan.json").utf8))
    }

    static func encoded(_ plan: RunPlan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
    }

    func execute(_ plan: RunPlan, journal: RunJournal, earlier: RunJournal.Contents?) async -> [StationResult] {
        let members = Set(plan.stations.filter(\.isSCNMember).map(\.station))
        let batch = plan.link == .https ? 15 : 1
        var machines: [(StationRun, StationRun.Action)] = plan.stations.map { station in
            var machine = StationRun(plan: station, inGroup: members.count > 1 && members.contains(station.station), batchSize: batch,
                                     allowLeaving: plan.allowLeaving, link: plan.link)
            guard let earlier else {
                let first = machine.start()
                return (machine, first)
            }
            machine.replay(earlier.events(of: station.station))
            let first = machine.resume()
            return (machine, first)
        }
        // Every member still to meet arrives once; failures journaled by members that arrived in the interrupted
        // run still count (their SCN settings were restored, so the others restore theirs).
        let preflightMembers = Set(machines.filter(\.0.awaitsPreflight).map(\.0.plan.station))
        // What members that met in the interrupted run reported, for those that meet now.
        var earlierReports: [String: PreflightReport] = [:]
        for line in earlier?.lines ?? [] {
            guard case .preflightDone(let reports) = line.event else { continue }
            for report in reports where !preflightMembers.contains(report.station) { earlierReports[report.station] = report }
        }
        let preflight = preflightMembers.isEmpty ? nil
            : GroupBarrier<PreflightReport>(members: preflightMembers, said: earlierReports.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let waiting = Set(machines.filter(\.0.awaitsGroup).map(\.0.plan.station))
        let earlierFailures = (earlier?.lines ?? []).compactMap { line -> (String, String?)? in
            guard case .arrived(let failure?) = line.event else { return nil }
            return (line.station, failure)
        }
        let barrier = waiting.isEmpty ? nil : GroupBarrier<String?>(members: waiting, said: earlierFailures)
        let results = await withTaskGroup(of: (Int, StationResult).self) { group in
            for (index, (machine, first)) in machines.enumerated() {
                let driver = StationRunDriver(executor: self, link: links(machine.plan.station), journal: journal,
                                              preflight: preflightMembers.contains(machine.plan.station) ? preflight : nil,
                                              barrier: waiting.contains(machine.plan.station) ? barrier : nil)
                group.addTask { (index, await driver.run(machine, first: first)) }
            }
            var results: [(Int, StationResult)] = []
            for await result in group { results.append(result) }
            return results
        }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
