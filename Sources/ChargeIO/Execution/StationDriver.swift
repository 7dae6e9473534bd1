import Foundation
import StationModel

/// One station's part of a run: connect, back up, the licence step, then the settings — performing what
/// `StationRun` decides, journaling each step before the next (SPEC §6). Errors end the station's run only.
struct StationDriver: Sendable {
    let executor: PlanExecutor
    let plan: ExecutionPlan.Station
    let journal: RunJournal
    let earlier: [JournalEntry]
    let barrier: SCNGroupBarrier?

    var id: String { plan.station }

    /// What one station's run carries from step to step.
    struct Context {
        var connection: (any StationConnection)?
        var changes: [StationResult.Change] = []
        var backupPath: String?
        var arrived = false
    }

    func run() async -> StationResult {
        var context = Context()
        do {
            return try await steps(&context)
        } catch {
            // A lost station is not a refusal (SPEC §6): the other members keep their changes, and
            // `apply --resume` finishes this one from the journal.
            if let barrier, !context.arrived { _ = await barrier.arrive(id, failure: nil) }
            let stationError = error as? StationError
            let text = "\(error)"
            executor.progress(text.hasPrefix(id) ? text : "\(id): \(text)")
            let failure = StationResult.Failure(
                severity: stationError.map { $0.reason.isInvalidRequest ? .invalid : .communication } ?? .communication,
                code: "station.failed", message: "\(error)", hint: "run `chargectl apply --resume` once the station is reachable",
                stationError: stationError)
            return StationResult(station: id, status: .failed, changes: context.changes, backup: context.backupPath, error: failure)
        }
    }

    private func steps(_ context: inout Context) async throws -> StationResult {
        let before = JournalReplay.state(of: id, in: earlier)
        if before.finished { return await earlierResult(before, &context) }
        let wait = executor.settings.wait
        executor.progress("waiting for \(id) to connect on \(executor.directory.listeningAddress) (up to \(StationError.seconds(wait))) …")
        let connection = try await executor.directory.waitForStation(id, timeout: wait)
        context.connection = connection
        executor.progress("\(id): connected")
        let backup: StationModel.StationConfiguration
        if let saved = before.backup { backup = saved } else { backup = try await takeBackup(connection, &context) }

        if let unlock = plan.unlock, let refused = try await runUnlock(unlock, backup: backup, &context) {
            if let barrier, !context.arrived {
                context.arrived = true
                _ = await barrier.arrive(id, failure: refused.error?.message ?? "the licence step failed")
            }
            return refused
        }

        let send = plan.writes.filter { !$0.isSatisfied(by: backup.value(forKey: $0.key)) }
        for write in plan.writes {
            let unchanged = !send.contains(write)
            context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: shown(backup, write),
                                         to: write.shownValue, status: unchanged ? "unchanged" : "not-sent"))
        }
        var resume = before
        resume.backup = backup
        var run = StationRun(station: id, writes: send, resume: resume)
        for (index, status) in resume.applied where index < send.count {
            mark(send[index].key, status == .rebootRequired ? "applied-pending-reset" : "applied", &context)
        }
        let outcome = try await drive(&run, phase: id, barrier: barrier, &context)
        try await journal.record(JournalEntry(station: id, event: .finished, outcome: outcome.status.rawValue, reason: outcome.reason))
        return result(outcome, &context)
    }

    // MARK: backup

    private func takeBackup(_ connection: any StationConnection, _ context: inout Context) async throws -> StationModel.StationConfiguration {
        let full = try await connection.getConfiguration(keys: nil)
        let now = executor.settings.now()
        let backup = ConfigurationBackup(station: id, takenAt: now, firmware: connection.bootInfo?.firmwareVersion, configuration: full)
        guard let path = ConfigurationBackup.path(station: id, at: now, backupDirectory: executor.settings.backupDirectory,
                                                  variables: executor.settings.variables) else {
            throw ExecutorError.noBackupDirectory
        }
        do {
            try executor.storage.makeDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            try executor.storage.write(path, try backup.json())
        } catch {
            throw ExecutorError.backupUnwritable(path: path)
        }
        context.backupPath = path
        executor.progress("\(id): backup saved to \(path) (\(full.keys.count) keys)")
        // The journal keeps the values the run may restore; secrets only as *** (SPEC §6).
        let masked = Dictionary(full.keys.map { ($0.key, $0.displayValue ?? "") }) { first, _ in first }
        try await journal.record(JournalEntry(station: id, event: .backup, configuration: masked))
        return StationModel.StationConfiguration(masked)
    }

    // MARK: the licence step (SPEC §1 unlock)

    /// nil when the licence took (or none is needed); otherwise the station's final result.
    private func runUnlock(_ unlock: ExecutionPlan.UnlockStep, backup: StationModel.StationConfiguration,
                           _ context: inout Context) async throws -> StationResult? {
        let phase = JournalEntry.unlockPhase(of: id)
        let before = JournalReplay.state(of: phase, in: earlier)
        let write = unlock.write
        if before.finished {
            context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "applied"))
            return nil
        }
        let firmware = context.connection?.bootInfo?.firmwareVersion
        guard UnlockJudge.needsLicence(firmware: firmware) else {
            executor.progress("\(id): firmware \(firmware ?? "?") is older than 3.4.0 and has every feature: no licence needed")
            context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "unchanged"))
            try await journal.record(JournalEntry(station: phase, event: .finished, outcome: "unchanged"))
            return nil
        }
        guard write.value != "***" else { throw ExecutorError.secretNeeded(station: id) }
        context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "not-sent"))
        let had = backup.value(forKey: "UnlockedFeatures").flatMap(UnlockedFeatures.init)
        var resume = before
        resume.backup = backup
        var run = StationRun(station: phase, writes: [write], resume: resume)
        var outcome = try await drive(&run, phase: phase, barrier: nil, &context)
        if outcome == .applied {
            let read = try await connection(context).getConfiguration(keys: ["UnlockedFeatures"])
            let has = read["UnlockedFeatures"]?.value.flatMap(UnlockedFeatures.init)
            if let problem = UnlockJudge.problem(before: had, after: has, expected: unlock.expect) {
                outcome = .failed(reason: problem)
            } else {
                executor.progress("\(id): unlocked, UnlockedFeatures now \(has?.featureNames.joined(separator: ", ") ?? "?")")
            }
        }
        try await journal.record(JournalEntry(station: phase, event: .finished, outcome: outcome.status.rawValue, reason: outcome.reason))
        guard outcome != .applied else { return nil }
        return result(outcome, &context)
    }

    // MARK: driving StationRun

    private func drive(_ run: inout StationRun, phase: String, barrier: SCNGroupBarrier?,
                       _ context: inout Context) async throws -> StationRun.Outcome {
        var action = run.start()
        var refusal: String?
        let wait = executor.settings.wait
        while true {
            switch action {
            case .backup:
                throw ExecutorError.noBackupDirectory
            case .write(let write):
                let forward = refusal == nil ? run.writes.indices.first { run.writes[$0] == write && run.applied[$0] == nil } : nil
                let answer = try await connection(context).changeConfiguration(key: write.key, value: write.value)
                let status = WriteStatus(rawValue: answer.rawValue) ?? .rejected
                try await journal.record(JournalEntry(station: phase, event: .write, index: forward, status: status))
                if let forward {
                    let from = context.changes.first { $0.key == write.key }?.from.map { "\($0) → " } ?? ""
                    executor.progress("\(id): \(write.key) \(from)\(write.shownValue) \(status.rawValue)")
                    mark(write.key, Self.changeStatus(status), &context)
                    if !status.isSuccess {
                        refusal = "\(run.writes[forward].key) was answered \(status.rawValue)"
                        executor.progress("\(id): restoring this run's earlier changes from the backup")
                    }
                } else {
                    executor.progress("\(id): restored \(write.key) to \(write.shownValue) (\(status.rawValue))")
                    mark(write.key, status.isSuccess ? "restored" : "restore-failed", &context)
                }
                action = run.wrote(status)
            case .reset:
                if let barrier, !context.arrived {
                    context.arrived = true
                    let others = await barrier.arrive(id, failure: refusal)
                    if refusal == nil, !others.isEmpty {
                        refusal = others.joined(separator: "; ")
                        executor.progress("\(id): another SCN member refused (\(others.joined(separator: "; "))); restoring this station's SCN settings")
                        action = run.rollBack(because: "SCN member refused: " + others.joined(separator: "; "),
                                              only: { ExecutionPlan.isSCNSetting($0) })
                        continue
                    }
                }
                try await journal.record(JournalEntry(station: phase, event: .reset))
                executor.progress("\(id): Reset (Soft)")
                var answer = try await connection(context).reset(.soft)
                if answer != .accepted {
                    executor.progress("\(id): Soft Reset \(answer.rawValue), trying a Hard Reset")
                    answer = try await connection(context).reset(.hard)
                }
                guard answer == .accepted else {
                    return .failed(reason: "the station refused both a Soft and a Hard Reset; the changes take effect after a reboot by hand")
                }
                action = run.resetAccepted()
            case .awaitReboot:
                executor.progress("\(id): rebooting, waiting up to \(StationError.seconds(wait)) …")
                let fresh = try await executor.directory.waitForStation(id, timeout: wait, replacing: context.connection)
                let boot = try await fresh.waitForBoot(timeout: wait)
                context.connection = fresh
                try await journal.record(JournalEntry(station: phase, event: .rebooted))
                executor.progress("\(id): back after the reboot (firmware \(boot.firmwareVersion ?? "unknown"))")
                action = run.rebooted()
            case .readBack(let keys):
                let read = keys.isEmpty ? StationConfiguration(keys: []) : try await connection(context).getConfiguration(keys: keys)
                action = run.readBack(StationModel.StationConfiguration(
                    Dictionary(read.keys.map { ($0.key, $0.value ?? "") }) { first, _ in first }))
                if case .finish(.applied) = action { executor.progress("\(id): read back, every value as planned") }
            case .finish(let outcome):
                if let barrier, !context.arrived {
                    context.arrived = true
                    _ = await barrier.arrive(id, failure: outcome.reason)
                }
                return outcome
            }
        }
    }

    private func connection(_ context: Context) throws -> any StationConnection {
        guard let connection = context.connection else { throw StationError(station: id, reason: .connectionClosed) }
        return connection
    }

    private func mark(_ key: String, _ status: String, _ context: inout Context) {
        if let index = context.changes.lastIndex(where: { $0.key == key }) { context.changes[index].status = status }
    }

    private func shown(_ backup: StationModel.StationConfiguration, _ write: PlannedWrite) -> String? {
        backup.value(forKey: write.key).map { write.isSecret ? "***" : $0 }
    }

    static func changeStatus(_ status: WriteStatus) -> String {
        switch status {
        case .accepted: "applied"
        case .rebootRequired: "applied-pending-reset"
        case .rejected: "rejected"
        case .notSupported: "not-supported"
        }
    }

    // MARK: results

    private func result(_ outcome: StationRun.Outcome, _ context: inout Context) -> StationResult {
        switch outcome {
        case .applied, .unchanged:
            for index in context.changes.indices where context.changes[index].status.hasPrefix("applied") {
                context.changes[index].status = "applied"
            }
            // An unlock alone has no settings to write, yet it applied something.
            let unchanged = context.changes.allSatisfy { $0.status == "unchanged" }
            executor.progress("\(id): " + (unchanged ? "nothing to change, every value already as planned" : "done"))
            return StationResult(station: id, status: unchanged ? .unchanged : .applied, changes: context.changes,
                                 backup: context.backupPath, error: nil)
        case .rolledBack(let reason):
            executor.progress("\(id): rolled back: \(reason)")
            return StationResult(station: id, status: .rolledBack, changes: context.changes, backup: context.backupPath, error: .init(
                severity: .refused, code: "station.refused", message: "\(id): \(reason); this run's changes were restored",
                hint: "check the key's name (--key-aliases) and value; `chargectl config get \(id)` shows what the station has"))
        case .failed(let reason):
            executor.progress("\(id): failed: \(reason)")
            return StationResult(station: id, status: .failed, changes: context.changes, backup: context.backupPath, error: .init(
                severity: .refused, code: "station.change-failed", message: "\(id): \(reason)",
                hint: context.backupPath.map { "compare with `chargectl config get \(id)`; `chargectl config restore \(id) \($0)` puts the backup back" }
                    ?? "compare with `chargectl config get \(id)`"))
        }
    }

    private func earlierResult(_ state: JournalReplay.StationState, _ context: inout Context) async -> StationResult {
        let status = StationResult.Status(rawValue: state.outcome ?? "applied") ?? .applied
        executor.progress("\(id): finished in the interrupted run (\(status.rawValue)); nothing to do")
        if let barrier, !context.arrived {
            context.arrived = true
            _ = await barrier.arrive(id, failure: status == .applied || status == .unchanged ? nil : state.reason ?? status.rawValue)
        }
        let changes = plan.writes.map { write in
            StationResult.Change(setting: write.setting?.rawValue, key: write.key, from: nil, to: write.shownValue, status: status == .applied ? "applied" : status.rawValue)
        }
        let error = status == .applied || status == .unchanged ? nil : StationResult.Failure(
            severity: .refused, code: "station.refused", message: "\(id): \(state.reason ?? status.rawValue)", hint: "")
        return StationResult(station: id, status: status, changes: changes, backup: nil, error: error)
    }
}

extension StationRun.Outcome {
    var status: StationResult.Status {
        switch self {
        case .applied: .applied
        case .unchanged: .unchanged
        case .rolledBack: .rolledBack
        case .failed: .failed
        }
    }

    var reason: String? {
        switch self {
        case .applied, .unchanged: nil
        case .rolledBack(let reason), .failed(let reason): reason
        }
    }
}

extension StationError.Reason {
    var isInvalidRequest: Bool { if case .invalidRequest = self { true } else { false } }
}

/// Why the executor could not even start on a station.
public enum ExecutorError: Error, Sendable, CustomStringConvertible {
    case noBackupDirectory
    case backupUnwritable(path: String)
    case secretNeeded(station: String)

    public var description: String {
        switch self {
        case .noBackupDirectory: "neither XDG_STATE_HOME nor HOME is set, so there is no folder for the backup; name one with --backup-dir DIR"
        case .backupUnwritable(let path): "cannot write the backup to \(path); check the folder, or choose another with --backup-dir"
        case .secretNeeded(let station): "\(station): the licence key is not stored in the run (it is a secret); run `chargectl unlock \(station)` with the key"
        }
    }
}
