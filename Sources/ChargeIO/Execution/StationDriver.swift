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
            let failure: StationResult.Failure
            if let executorError = error as? ExecutorError {
                // Our own setup failed before anything was written: input to fix, not the station's fault.
                failure = .init(severity: .invalid, code: executorError.code, message: text, hint: executorError.hint)
            } else {
                failure = .init(severity: stationError.map { $0.reason.isInvalidRequest ? .invalid : .communication } ?? .communication,
                                code: "station.failed", message: text,
                                hint: "run `chargectl apply --resume RUN` once the station is reachable", stationError: stationError)
            }
            return StationResult(station: id, status: .failed, changes: context.changes, backup: context.backupPath, error: failure)
        }
    }

    func steps(_ context: inout Context) async throws -> StationResult {
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
        // A resumed plan holds secrets as ***: never send the mask as a value.
        if send.indices.contains(where: { send[$0].isSecret && send[$0].value == "***" && resume.applied[$0] == nil }) {
            throw ExecutorError.secretNeeded(station: id)
        }
        var run = StationRun(station: id, writes: send, resume: resume)
        for (index, status) in resume.applied where index < send.count {
            mark(send[index].key, status == .rebootRequired ? "applied-pending-reset" : "applied", &context)
        }
        let outcome = try await drive(&run, phase: id, barrier: barrier, &context)
        try await journal.record(JournalEntry(station: id, event: .finished, outcome: outcome.status.rawValue, reason: outcome.reason))
        return result(outcome, &context)
    }

    // MARK: backup

    func takeBackup(_ connection: any StationConnection, _ context: inout Context) async throws -> StationModel.StationConfiguration {
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

    // MARK: driving StationRun

    func drive(_ run: inout StationRun, phase: String, barrier: SCNGroupBarrier?,
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

    func connection(_ context: Context) throws -> any StationConnection {
        guard let connection = context.connection else { throw StationError(station: id, reason: .connectionClosed) }
        return connection
    }

    func mark(_ key: String, _ status: String, _ context: inout Context) {
        if let index = context.changes.lastIndex(where: { $0.key == key }) { context.changes[index].status = status }
    }

    func shown(_ backup: StationModel.StationConfiguration, _ write: PlannedWrite) -> String? {
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
}
