import OCPP16
import StationModel

/// The licence step (SPEC §1 `unlock`): its own write, Reset and `UnlockedFeatures` check before the settings.
extension StationDriver {
    /// nil when the licence took (or none is needed); otherwise the station's final result.
    func runUnlock(_ unlock: ExecutionPlan.UnlockStep, backup: StationModel.StationConfiguration,
                   _ context: inout Context) async throws -> StationResult? {
        let phase = JournalEntry.unlockPhase(of: id)
        let before = JournalReplay.state(of: phase, in: earlier)
        let write = unlock.write
        if before.finished {
            context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "applied"))
            return nil
        }
        let firmware = await firmwareVersion(context)
        guard UnlockJudge.needsLicence(firmware: firmware) else {
            executor.progress("\(id): firmware \(firmware ?? "?") is older than 3.4.0 and has every feature: no licence needed")
            context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "unchanged"))
            try await journal.record(JournalEntry(station: phase, event: .finished, outcome: "unchanged"))
            return nil
        }
        let had = backup.value(forKey: "UnlockedFeatures").flatMap(UnlockedFeatures.init)
        if let had, !unlock.expect.isEmpty, UnlockJudge.problem(before: nil, after: had, expected: unlock.expect) == nil {
            // Already licensed for what is asked: writing the key again would only cost a reboot.
            executor.progress("\(id): UnlockedFeatures already has \(unlock.expect.joined(separator: ", ")): the licence key is not written again")
            context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "unchanged"))
            try await journal.record(JournalEntry(station: phase, event: .finished, outcome: "unchanged"))
            return nil
        }
        guard write.value != "***" else { throw ExecutorError.secretNeeded(station: id) }
        context.changes.append(.init(setting: write.setting?.rawValue, key: write.key, from: nil, to: "***", status: "not-sent"))
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

    /// The firmware from the connection's BootNotification; a station that merely reconnected sent none, so it is
    /// asked for one (TriggerMessage, OCPP 1.6 §5.17), waiting at most 30 s. nil when it still does not say.
    func firmwareVersion(_ context: Context) async -> String? {
        guard let connection = context.connection else { return nil }
        if let known = connection.bootInfo?.firmwareVersion { return known }
        guard (try? await connection.triggerMessage(.bootNotification, connectorId: nil)) == .accepted else { return nil }
        return (try? await connection.waitForBoot(timeout: min(executor.settings.wait, .seconds(30))))?.firmwareVersion
    }
}
