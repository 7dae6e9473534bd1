import Foundation
import StationModel

/// Performs one station's run: each action `StationRun` returns is done over the station link, journaled as the
/// event it produced, and fed back (SPEC §6). Every decision is the machine's; this type only acts and reports.
struct StationRunDriver: Sendable {
    let executor: PlanExecutor
    let link: any StationLink
    let journal: RunJournal
    /// The SCN members' meeting before the first write, and before the reboot; nil outside an SCN group.
    let preflight: GroupBarrier<PreflightReport>?
    let barrier: GroupBarrier<String?>?

    var id: String { link.station }

    func run(_ machine: StationRun, first: StationRun.Action) async -> StationResult {
        var machine = machine
        var action = first
        var lostBecause: StationError?
        while true {
            if case .finish(let outcome) = action {
                await link.close()
                executor.progress("\(id): " + RunProgress.finished(outcome, changes: machine.changes))
                return StationResult(machine, outcome: outcome, lostBecause: lostBecause)
            }
            if let line = RunProgress.line(for: action, station: id, address: link.address, wait: executor.settings.wait) { executor.progress("\(id): \(line)") }
            let event: StationRun.Event
            do {
                // Ctrl-C (the run's task cancelled): no further exchange with the station; the journal records
                // where it stood, so `apply --resume RUN` finishes it. The group meetings still run: every member
                // arrives, so no member waits for one that stopped.
                if Task.isCancelled, action.exchangesWithStation { throw CancellationError() }
                event = try await perform(action, machine)
            } catch is CancellationError {
                event = .lost(StationResult.interruptedReason)
            } catch let error as StationError {
                if Task.isCancelled {
                    // A wait that Ctrl-C cut short.
                    event = .lost(StationResult.interruptedReason)
                } else if case .link(let code, _, let hint, true) = error.reason {
                    // A wrong password is input to fix (SPEC §1 exit 2), not a station lost mid-run.
                    event = .aborted(code: code, reason: error.description, hint: hint)
                } else {
                    lostBecause = error
                    event = .lost("\(error)")
                }
            } catch let error as ExecutorError {
                event = .aborted(code: error.code, reason: error.description, hint: error.hint)
            } catch {
                event = .lost("\(error)")
            }
            for line in RunProgress.lines(after: action, event, changes: machine.changes, state: machine.state) { executor.progress("\(id): \(line)") }
            do { try await journal.record(id, event) } catch {
                action = machine.handle(.aborted(code: "run.journal-unwritable", reason: "cannot append to the run's journal \(journal.path): \(error)",
                                                 hint: "check that the state directory is writable (XDG_STATE_HOME)"))
                continue
            }
            let noted = machine.notes.count
            action = machine.handle(event)
            for note in machine.notes.dropFirst(noted) { executor.progress("\(id): \(note)") }
        }
    }

    func perform(_ action: StationRun.Action, _ machine: StationRun) async throws -> StationRun.Event {
        let wait = executor.settings.wait
        switch action {
        case .connect:
            return .connected(firmware: try await link.waitForStation(timeout: wait).firmware)
        case .identify:
            return .identified(firmware: await link.firmware(timeout: wait))
        case .backup:
            let (configuration, path) = try await saveBackup(firmware: machine.firmware, over: machine.link)
            return .backedUp(configuration, path: path)
        case .write(let batch):
            return .wrote(try await link.write(batch))
        case .reset(let kind):
            return .resetAnswered(kind, accepted: try await link.reboot(kind))
        case .awaitBoot:
            return .booted(firmware: try await link.waitForReboot(timeout: wait).firmware)
        case .confirmBoot:
            guard let presence = await link.bootedSinceConnect(within: min(wait, .seconds(10))) else { return .noBoot }
            return .booted(firmware: presence.firmware)
        case .readBack(let keys):
            return .readBack(try await link.read(keys: keys).settings(masked: false))
        case .preflight(let report):
            let reports = await preflight?.arrive(id, saying: report) ?? [(id, report)]
            return .preflightDone(reports.map(\.value))
        case .arriveAtGroup(let failure):
            try await journal.record(id, .arrived(failure: failure))
            let said = await barrier?.arrive(id, saying: failure) ?? []
            return .groupDecided(said.map { StationRun.GroupWord(station: $0.station, failure: $0.value) })
        case .finish(let outcome):
            // `run` ends on a finish before asking for it to be performed.
            return .lost(outcome.reason ?? "finished")
        }
    }

    /// SPEC §6: the full configuration, saved before the first write; the journal keeps it with secrets masked.
    func saveBackup(firmware: String?, over kind: LinkKind) async throws -> (StationModel.StationConfiguration, String) {
        let full = try await link.readAll()
        let now = executor.settings.now()
        let backup = ConfigurationBackup(station: id, takenAt: now, firmware: firmware, link: kind.rawValue, configuration: full)
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
        executor.progress("\(id): backup saved to \(path) (\(full.keys.count) keys)")
        return (full.settings(masked: true), path)
    }
}

extension StationRun.Action {
    /// Whether performing the action talks to the station (what an interrupted run no longer does).
    var exchangesWithStation: Bool {
        switch self {
        case .connect, .identify, .backup, .write, .reset, .awaitBoot, .confirmBoot, .readBack: true
        case .preflight, .arriveAtGroup, .finish: false
        }
    }
}
