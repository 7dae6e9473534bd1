import SharedText
/// One station's part of a run as a pure state machine (SPEC §6, ARCHITECTURE.md "The run, end to end"): every
/// rule of a run lives here — backup first, the pre-flight feature check, the licence step with its own reboot,
/// skipping writes already at target, the reset (soft, then hard when refused), the boot wait, the read-back, the
/// rollback on a refusal (SCN-wide through the group), and resume. The driver performs each `Action` over a
/// station link and feeds the answer back as an `Event`; the journal is those events, so replaying it puts a
/// fresh machine where the interrupted one stood.
public struct StationRun: Sendable {
    /// One member's word at the SCN group: its failure, or nil.
    public struct GroupWord: Sendable, Equatable, Codable {
        public var station: String
        public var failure: String?
        public init(station: String, failure: String?) {
            self.station = station
            self.failure = failure
        }
    }

    public enum Step: String, Sendable, Codable { case unlock, settings }
    public enum ResetKind: String, Sendable, Codable { case soft = "Soft", hard = "Hard" }

    public enum Action: Sendable, Equatable {
        /// Wait for the station (its connection, or its HTTPS API) and learn its firmware.
        case connect
        /// Read the full configuration and save it before the first write.
        case backup
        /// Ask the station for its firmware (the licence rules depend on it) when it did not say on connecting.
        case identify
        case write([PlannedWrite])
        case reset(ResetKind)
        /// The reset was accepted: wait for the station to come back from its reboot.
        case awaitBoot
        /// Resume after a reset with no boot journaled: did the station boot since? (No second reboot if it did.)
        case confirmBoot
        case readBack(keys: [String])
        /// SCN runs, before the first write: wait until every member has read its configuration, with this one's
        /// SCN membership (or why it cannot go on, or that it was lost).
        case preflight(PreflightReport)
        /// SCN runs: wait until every member has written (or failed), carrying this station's failure.
        case arriveAtGroup(failure: String?)
        case finish(RunOutcome)
    }

    public enum Event: Sendable, Equatable, Codable {
        case connected(firmware: String?)
        /// The configuration as read (secrets masked) and where the backup file is.
        case backedUp(StationConfiguration, path: String?)
        case identified(firmware: String?)
        case wrote([WriteStatus])
        case resetAnswered(ResetKind, accepted: Bool)
        case booted(firmware: String?)
        /// `confirmBoot` saw no boot: the reset never reached the station.
        case noBoot
        case readBack(StationConfiguration)
        /// Every member's pre-flight report.
        case preflightDone([PreflightReport])
        /// Journaled when the station reaches the group, before the wait.
        case arrived(failure: String?)
        /// What every member said at the group (its failure, or nil), this station included.
        case groupDecided([GroupWord])
        /// The link failed (timeout, connection lost): the run stops here and `apply --resume` finishes it.
        case lost(String)
        /// This side could not go on (no folder for the backup): input to fix, nothing more is sent.
        case aborted(code: String, reason: String, hint: String)
    }

    public indirect enum State: Sendable, Equatable {
        case idle
        case connecting
        /// After a resume: the state to continue from once the station is back.
        case reconnecting(after: State)
        case backingUp
        case identifying
        case inPreflight
        case writing(Step, batch: [PlannedWrite])
        case resetting(Step, ResetKind)
        case awaitingBoot(Step)
        case confirmingBoot(Step)
        case readingBack(Step)
        case atGroup
        case restoring(batch: [PlannedWrite])
        case finishing(RunOutcome)
        case finished(RunOutcome)
    }

    public let plan: RunPlan.Station
    /// Whether this station takes part in an SCN group (more than one member writes SCN settings).
    public let inGroup: Bool
    public let batchSize: Int
    /// `--leave`: see `SCNPreflight`.
    public let allowLeaving: Bool
    /// The link the plan was compiled for: over HTTPS the station reboots by itself after the licence write
    /// (reference §4.4) and reports its features as `21A2_0`.
    public let link: LinkKind
    public private(set) var state: State = .idle
    public private(set) var firmware: String?
    public private(set) var backup: StationConfiguration?
    public private(set) var backupPath: String?
    /// Every planned change as the report shows it, the licence key first.
    public private(set) var changes: [ChangeRecord] = []
    /// Why the machine decided what it did where no station answer says it (for the progress lines).
    public private(set) var notes: [String] = []

    /// The settings writes still to send (those not already at their target), in plan order.
    private var send: [PlannedWrite] = []
    /// Indices into `send` the station accepted.
    private var applied: Set<Int> = []
    private var queue: [PlannedWrite] = []
    private var rollbackReason: String?
    private var restoreFailures: [String] = []
    /// The licence step is behind: written and confirmed, or not needed.
    private var unlocked = false
    private var licenceApplied = false
    private var arrived = false
    private var decided = false
    /// Replaying the journal: what was sent then is not judged again (its secret may be masked now).
    private var replaying = false
    /// Replaying an attempt that lost the station: its closing arrival at the group does not count, and its next
    /// event is the resume's reconnect.
    private var lostInReplay = false
    /// SCN members meet once before anyone writes (SPEC §3 pre-flight).
    private var preflightPending: Bool
    /// A refusal (this station's or the group's) turned the run into restoring what it changed.
    private var rollingBack: Bool { rollbackReason != nil }

    public init(plan: RunPlan.Station, inGroup: Bool = false, batchSize: Int = 1, allowLeaving: Bool = false, link: LinkKind = .ocpp) {
        self.plan = plan
        self.link = link
        self.inGroup = inGroup
        self.batchSize = max(1, batchSize)
        self.allowLeaving = allowLeaving
        preflightPending = inGroup
    }

    // MARK: entry points

    public mutating func start() -> Action {
        state = .connecting
        return .connect
    }

    /// Replays an earlier attempt's events (the journal); `resume()` then says how to continue.
    public mutating func replay(_ events: [Event]) {
        if state == .idle, !events.isEmpty { state = .connecting }
        replaying = true
        for event in events { _ = handle(event) }
        replaying = false
    }

    /// The first action after a replay: a finished station is done; any other is reached again first.
    public mutating func resume() -> Action {
        switch state {
        case .idle, .connecting: return start()
        case .finished(let outcome): return .finish(outcome)
        case .finishing(let outcome):
            // An arrival whose decision never came is made again: the resumed group waits for it.
            if !decided { arrived = false }
            return finish(outcome)
        case .reconnecting: return .connect
        default:
            state = .reconnecting(after: state)
            return .connect
        }
    }

    /// Whether a resumed station still has to take part in the SCN pre-flight.
    public var awaitsPreflight: Bool {
        guard preflightPending else { return false }
        if case .finished = state { return false }
        return true
    }

    /// Whether a resumed station still has to reach the SCN group (it neither arrived nor finished before).
    public var awaitsGroup: Bool {
        guard inGroup, !decided else { return false }
        if case .finished = state { return false }
        return true
    }

    // MARK: events

    public mutating func handle(_ event: Event) -> Action {
        if replaying, let action = replayed(event) { return action }
        if case .lost(let reason) = event { return finish(.lost(reason: reason)) }
        if case .aborted(let code, let reason, let hint) = event { return finish(.refusedInput(code: code, reason: reason, hint: hint)) }
        if case .arrived(let failure) = event {
            // Only replayed: the driver journals the arrival itself before it waits for the group.
            arrived = true
            return .arriveAtGroup(failure: failure)
        }
        switch (state, event) {
        case (.connecting, .connected(let firmware)):
            self.firmware = firmware ?? self.firmware
            state = .backingUp
            return .backup
        case (.reconnecting(let previous), .connected(let firmware)):
            self.firmware = firmware ?? self.firmware
            return continueAfterReconnect(previous)
        case (.backingUp, .backedUp(let configuration, let path)):
            backup = configuration
            backupPath = path
            guard firmware == nil, plan.unlock != nil || !RunPlan.requiredFeatures(of: plan.writes).isEmpty else { return afterBackup(configuration) }
            state = .identifying
            return .identify
        case (.identifying, .identified(let firmware)):
            self.firmware = firmware
            return afterBackup(backup ?? StationConfiguration([:]))
        case (.writing(let step, let batch), .wrote(let statuses)):
            return wrote(batch, statuses, step: step)
        case (.restoring(let batch), .wrote(let statuses)):
            for (write, status) in zip(batch, statuses) {
                mark(write.key, status.isSuccess ? .restored : .restoreFailed)
                if !status.isSuccess { restoreFailures.append(write.key) }
            }
            return restoreNext()
        case (.resetting(let step, let kind), .resetAnswered(_, let accepted)):
            if accepted {
                state = .awaitingBoot(step)
                return .awaitBoot
            }
            guard kind == .soft else {
                return finish(.failed(reason: "the station refused both a Soft and a Hard Reset; the changes take effect after a reboot by hand"))
            }
            state = .resetting(step, .hard)
            return .reset(.hard)
        case (.awaitingBoot(let step), .booted(let firmware)), (.confirmingBoot(let step), .booted(let firmware)):
            self.firmware = firmware ?? self.firmware
            return booted(step)
        case (.confirmingBoot(let step), .noBoot):
            state = .resetting(step, .soft)
            return .reset(.soft)
        case (.readingBack(let step), .readBack(let configuration)):
            return readBack(configuration, step: step)
        case (.inPreflight, .preflightDone(let reports)):
            preflightPending = false
            if let problem = SCNPreflight.problem(reports, allowLeaving: allowLeaving) {
                return finish(.refusedInput(code: problem.code, reason: problem.reason, hint: problem.hint))
            }
            return startUnlock(has: backup?.value(forKey: featuresKey).flatMap(UnlockedFeatures.init))
        case (.finishing(let outcome), .preflightDone):
            return finish(outcome)
        case (.atGroup, .groupDecided(let words)):
            return groupDecided(words.filter { $0.station != plan.station }.compactMap { word in word.failure.map { "\(word.station): \($0)" } })
        case (.finishing(let outcome), .groupDecided):
            decided = true
            state = .finished(outcome)
            return .finish(outcome)
        default:
            return finish(.failed(reason: "internal: event \(event) in state \(state)"))
        }
    }

    /// The events a replay treats apart: a lost station picks up where it stood, and a resume's reconnect
    /// continues from the state it found.
    mutating func replayed(_ event: Event) -> Action? {
        switch event {
        case .lost:
            lostInReplay = true
            return .connect
        case .arrived, .groupDecided, .preflightDone:
            return lostInReplay ? .connect : nil
        case .connected(let firmware):
            lostInReplay = false
            switch state {
            case .connecting, .reconnecting: return nil
            default:
                self.firmware = firmware ?? self.firmware
                return continueAfterReconnect(state)
            }
        default:
            return nil
        }
    }

    // MARK: steps

    mutating func continueAfterReconnect(_ previous: State) -> Action {
        switch previous {
        case .awaitingBoot(let step), .resetting(let step, _), .confirmingBoot(let step):
            state = .confirmingBoot(step)
            return .confirmBoot
        case .writing(_, let batch), .restoring(let batch):
            state = previous
            return emit(batch)
        case .readingBack(let step):
            state = previous
            return .readBack(keys: readBackKeys(step))
        case .atGroup:
            return arriveAtGroup(failure: rollbackReason)
        case .identifying:
            state = previous
            return .identify
        case .inPreflight:
            state = previous
            return .preflight(.member(SCNMembership(station: plan.station, configuration: backup ?? StationConfiguration([:]))))
        case .backingUp, .idle, .connecting, .reconnecting:
            state = .backingUp
            return .backup
        case .finishing(let outcome), .finished(let outcome):
            return finish(outcome)
        }
    }

    mutating func afterBackup(_ configuration: StationConfiguration) -> Action {
        // SPEC §3: the station's own listing is the truth; a key it lists is written as it spells it.
        let writes = plan.writes.map { write in
            var spelled = write
            let (key, note) = ContestedKeys.resolve(write, link: link, in: configuration)
            if let note, !replaying { notes.append(note) }
            spelled.key = configuration.spelling(ofKey: key) ?? key
            return spelled
        }
        // Already at target: not written (SPEC §1 `unchanged`). Secrets never read back, so they are always sent.
        send = writes.filter { !$0.isSatisfied(by: configuration.value(forKey: $0.key)) }
        if let unlock = plan.unlock {
            changes.append(ChangeRecord(unlock.write, from: nil, status: .notSent))
        }
        for write in writes {
            let from = configuration.value(forKey: write.key).map { write.isSecret ? SecretMask.text : $0 }
            changes.append(ChangeRecord(write, from: from, status: send.contains(write) ? .notSent : .unchanged))
        }
        let has = configuration.value(forKey: featuresKey).flatMap(UnlockedFeatures.init)
        let missing = RunPlan.requiredFeatures(of: send).filter { name in has.map { ($0.bits & (UnlockedFeatures.bit(named: name) ?? 0)) == 0 } ?? false }
        if plan.unlock == nil, !missing.isEmpty, UnlockJudge.needsLicence(firmware: firmware) {
            return finish(.refusedInput(code: "feature.locked",
                                        reason: "UnlockedFeatures lacks \(missing.joined(separator: ", ")) (has: \(has.map { $0.featureNames.isEmpty ? "none" : $0.featureNames.joined(separator: ", ") } ?? "none")); nothing was written",
                                        hint: "give the station's licence key (licenseKey in the site file, or `chargectl unlock`) so the run unlocks it first"))
        }
        guard preflightPending else { return startUnlock(has: has) }
        state = .inPreflight
        return .preflight(.member(SCNMembership(station: plan.station, configuration: configuration)))
    }

    mutating func startUnlock(has: UnlockedFeatures?) -> Action {
        guard let unlock = plan.unlock, !unlocked else { return startSettings() }
        guard UnlockJudge.needsLicence(firmware: firmware) else {
            notes.append("firmware \(firmware ?? "?") is older than 3.4.0 and has every feature: no licence needed")
            mark(unlock.write.key, .unchanged)
            unlocked = true
            return startSettings()
        }
        if let has, !unlock.expect.isEmpty, UnlockJudge.problem(before: nil, after: has, expected: unlock.expect) == nil {
            // Already licensed for what is asked: writing the key again would only cost a reboot.
            notes.append("UnlockedFeatures already has \(unlock.expect.joined(separator: ", ")): the licence key is not written again")
            mark(unlock.write.key, .unchanged)
            unlocked = true
            return startSettings()
        }
        state = .writing(.unlock, batch: [unlock.write])
        return emit([unlock.write])
    }

    mutating func startSettings() -> Action {
        applied = []
        return writeNext()
    }

    mutating func writeNext() -> Action {
        let pending = send.indices.filter { !applied.contains($0) }
        guard !pending.isEmpty else { return allWritten() }
        let batch = pending.prefix(batchSize).map { send[$0] }
        state = .writing(.settings, batch: batch)
        return emit(batch)
    }

    /// Sends a batch, unless it holds a secret a stored plan masked: that one must be given again.
    mutating func emit(_ batch: [PlannedWrite]) -> Action {
        guard replaying || !batch.contains(where: \.isMaskedSecret) else {
            return finish(.refusedInput(code: "run.secret-needed",
                                        reason: "a secret of the run (licence key, AuthorizationKey) is not stored, and it still has to be written",
                                        hint: "resume with the site file too (chargectl apply --resume RUN SITE reads its licence keys again), or run the command again"))
        }
        return .write(batch)
    }

    mutating func wrote(_ batch: [PlannedWrite], _ statuses: [WriteStatus], step: Step) -> Action {
        var refusal: String?
        for (write, status) in zip(batch, statuses + Array(repeating: .rejected, count: max(0, batch.count - statuses.count))) {
            mark(write.key, ChangeStatus(status))
            if status.isSuccess {
                if step == .settings, let index = send.firstIndex(of: write) { applied.insert(index) }
            } else if refusal == nil {
                refusal = "\(write.key) was answered \(status.rawValue)"
            }
        }
        if let refusal {
            rollbackReason = refusal
            // The licence key has nothing to restore; the settings put back what this run changed.
            queue = step == .settings ? restoreWrites(only: { _ in true }) : []
            return restoreNext()
        }
        switch step {
        case .unlock where link == .https:
            // reference §4.4: writing `21A1_0` is enough; the station reboots by itself to install the features.
            state = .awaitingBoot(.unlock)
            return .awaitBoot
        case .unlock:
            state = .resetting(.unlock, .soft)
            return .reset(.soft)
        case .settings:
            return writeNext()
        }
    }

    mutating func allWritten() -> Action {
        guard inGroup, !arrived else { return resetOrFinish() }
        return arriveAtGroup(failure: nil)
    }

    mutating func arriveAtGroup(failure: String?) -> Action {
        state = .atGroup
        return .arriveAtGroup(failure: failure)
    }

    mutating func groupDecided(_ others: [String]) -> Action {
        arrived = true
        decided = true
        if rollingBack || others.isEmpty { return resetOrFinish() }
        rollbackReason = "SCN member refused: " + others.joined(separator: "; ")
        queue = restoreWrites(only: { RunPlan.isSCNSetting($0) })
        return restoreNext()
    }

    /// The writes that put back the backup's values of what this run changed, newest first.
    func restoreWrites(only include: (SettingID?) -> Bool) -> [PlannedWrite] {
        applied.sorted(by: >).compactMap { index in
            let write = send[index]
            guard include(write.setting), !write.isSecret, let old = backup?.value(forKey: write.key) else { return nil }
            return PlannedWrite(setting: write.setting, key: write.key, value: old, bitMask: write.bitMask)
        }
    }

    mutating func restoreNext() -> Action {
        guard queue.isEmpty else {
            let batch = Array(queue.prefix(batchSize))
            queue.removeFirst(batch.count)
            state = .restoring(batch: batch)
            return .write(batch)
        }
        if inGroup, !arrived { return arriveAtGroup(failure: rollbackReason) }
        return resetOrFinish()
    }

    /// One reboot per station that changed (SPEC §3); nothing written, nothing to reboot.
    mutating func resetOrFinish() -> Action {
        guard !applied.isEmpty else { return rollingBack ? finishRollback() : finish(licenceApplied ? .applied : .unchanged) }
        state = .resetting(.settings, .soft)
        return .reset(.soft)
    }

    mutating func booted(_ step: Step) -> Action {
        if rollingBack, step == .settings { return finishRollback() }
        state = .readingBack(step)
        return .readBack(keys: readBackKeys(step))
    }

    /// Where the station lists its licence features: `UnlockedFeatures` over OCPP, `21A2_0` over HTTPS.
    var featuresKey: String { link == .https ? "21A2_0" : "UnlockedFeatures" }

    func readBackKeys(_ step: Step) -> [String] {
        step == .unlock ? [featuresKey] : send.filter { !$0.isSecret }.map(\.key)
    }

    mutating func readBack(_ configuration: StationConfiguration, step: Step) -> Action {
        switch step {
        case .unlock:
            let had = backup?.value(forKey: featuresKey).flatMap(UnlockedFeatures.init)
            let has = configuration.value(forKey: featuresKey).flatMap(UnlockedFeatures.init)
            if let problem = UnlockJudge.problem(before: had, after: has, expected: plan.unlock?.expect ?? []) {
                return finish(.failed(reason: problem))
            }
            unlocked = true
            licenceApplied = true
            notes.append("unlocked, UnlockedFeatures now \(has?.featureNames.joined(separator: ", ") ?? "?")")
            return startSettings()
        case .settings:
            for write in send where !write.isSecret {
                let found = configuration.value(forKey: write.key)
                if !write.isSatisfied(by: found) {
                    return finish(.failed(reason: "\(write.key) reads back \(found.map { "\"\($0)\"" } ?? "nothing"), expected \"\(write.value)\""))
                }
            }
            for index in changes.indices where changes[index].status == .appliedPendingReset { changes[index].status = .applied }
            return finish(.applied)
        }
    }

    mutating func finishRollback() -> Action {
        let reason = rollbackReason ?? "refused"
        guard restoreFailures.isEmpty else {
            return finish(.failed(reason: "\(reason); restoring \(restoreFailures.joined(separator: ", ")) failed too"))
        }
        return finish(.rolledBack(reason: reason))
    }

    /// Every member reaches the group exactly once (SPEC §6): a station that ends before it carries its failure
    /// there first — a lost one none, since it is resumed rather than rolled back.
    mutating func finish(_ outcome: RunOutcome) -> Action {
        if preflightPending {
            preflightPending = false
            state = .finishing(outcome)
            return .preflight(outcome.groupFailure.map { .failed(station: plan.station, reason: $0) } ?? .unknown(station: plan.station))
        }
        if inGroup, !arrived {
            state = .finishing(outcome)
            arrived = true
            return .arriveAtGroup(failure: outcome.groupFailure)
        }
        state = .finished(outcome)
        return .finish(outcome)
    }

    mutating func mark(_ key: String, _ status: ChangeStatus) {
        if let index = changes.lastIndex(where: { $0.key == key }) { changes[index].status = status }
    }
}
