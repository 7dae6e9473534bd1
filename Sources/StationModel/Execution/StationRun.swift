/// One station's part of a run, as a pure state machine (SPEC §6): back up, write in order, Reset, wait for the
/// reboot, read back and compare; on Rejected or NotSupported restore what this run changed from the backup.
/// The shell performs each returned `Action` and feeds the answer back; the journal records the same events so an
/// interrupted run resumes without writing anything twice.
public struct StationRun: Sendable {
    public enum Action: Sendable, Equatable {
        case backup
        case write(PlannedWrite)
        case reset
        case awaitReboot
        case readBack(keys: [String])
        case finish(Outcome)
    }

    public enum Outcome: Sendable, Equatable {
        case applied
        case unchanged
        /// Refused by the station (exit 4); what the run had changed was restored.
        case rolledBack(reason: String)
        /// The station did not keep a change, or could not be restored (exit 4).
        case failed(reason: String)
    }

    public let station: String
    public let writes: [PlannedWrite]
    /// Index of each write the station accepted, in this run or (on resume) an earlier attempt of it.
    public private(set) var applied: [Int: WriteStatus]
    public private(set) var backup: StationConfiguration?
    private var next = 0
    private var rollback: [PlannedWrite] = []
    private var rollbackReason = ""
    private var restoreFailures: [String] = []
    private var restoring: PlannedWrite?
    private var resetDone: Bool

    public init(station: String, writes: [PlannedWrite], resume: JournalReplay.StationState? = nil) {
        self.station = station
        self.writes = writes
        self.applied = resume?.applied ?? [:]
        self.backup = resume?.backup
        self.resetDone = resume?.resetDone ?? false
    }

    public mutating func start() -> Action {
        guard !writes.isEmpty else { return .finish(.unchanged) }
        return backup == nil ? .backup : advance()
    }

    public mutating func backedUp(_ configuration: StationConfiguration) -> Action {
        backup = configuration
        return advance()
    }

    public mutating func wrote(_ status: WriteStatus) -> Action {
        if let restored = restoring {
            if !status.isSuccess { restoreFailures.append(restored.key) }
            return continueRollback()
        }
        let index = next - 1
        guard status.isSuccess else {
            rollbackReason = "\(writes[index].key) was answered \(status.rawValue)"
            rollback = restoreWrites()
            return continueRollback()
        }
        applied[index] = status
        return advance()
    }

    public mutating func rebooted() -> Action {
        resetDone = true
        if !rollbackReason.isEmpty { return finishRollback() }
        return .readBack(keys: writes.filter { !$0.isSecret }.map(\.key))
    }

    public mutating func readBack(_ configuration: StationConfiguration) -> Action {
        for write in writes where !write.isSecret {
            let found = configuration.value(forKey: write.key)
            if !write.isSatisfied(by: found) {
                return .finish(.failed(reason: "\(write.key) reads back \(found.map { "\"\($0)\"" } ?? "nothing"), expected \"\(write.value)\""))
            }
        }
        return .finish(.applied)
    }

    /// SPEC §6: in an SCN run, a member that applied its SCN settings restores them when another member refused,
    /// so `SCN-SocketCount` never counts a station that did not join.
    public mutating func rollBack(because reason: String, only settings: @Sendable (SettingID?) -> Bool) -> Action {
        rollbackReason = reason
        rollback = restoreWrites(only: settings)
        resetDone = false
        return continueRollback()
    }

    /// The writes that put back the backup's values of what this run changed, newest first.
    public func restoreWrites(only include: (SettingID?) -> Bool = { _ in true }) -> [PlannedWrite] {
        applied.keys.sorted(by: >).compactMap { index in
            let write = writes[index]
            guard include(write.setting) else { return nil }
            guard let old = backup?.value(forKey: write.key), !write.isSecret else { return nil }
            return PlannedWrite(setting: write.setting, key: write.key, value: old)
        }
    }

    private mutating func advance() -> Action {
        while next < writes.count, applied[next] != nil { next += 1 }
        if next < writes.count {
            next += 1
            return .write(writes[next - 1])
        }
        return resetDone ? .readBack(keys: writes.filter { !$0.isSecret }.map(\.key)) : .reset
    }

    private mutating func continueRollback() -> Action {
        guard !rollback.isEmpty else {
            restoring = nil
            // Anything written needs the Reset to take back effect; nothing written, nothing to reboot.
            return applied.isEmpty ? finishRollback() : .reset
        }
        let write = rollback.removeFirst()
        restoring = write
        return .write(write)
    }

    private func finishRollback() -> Action {
        guard restoreFailures.isEmpty else {
            return .finish(.failed(reason: "\(rollbackReason); restoring \(restoreFailures.joined(separator: ", ")) failed too"))
        }
        return .finish(.rolledBack(reason: rollbackReason))
    }

    /// The Reset was accepted: wait for the station to come back (BootNotification).
    public func resetAccepted() -> Action { .awaitReboot }
}
