import StationModel

/// The progress lines of a station's run, for stderr (SPEC §1: long waits show progress).
enum RunProgress {
    static func line(for action: StationRun.Action, station: String, address: String, wait: Swift.Duration) -> String? {
        switch action {
        case .connect: "waiting for \(station) to connect on \(address) (up to \(StationError.seconds(wait))) …"
        case .reset(let kind): "Reset (\(kind.rawValue))"
        case .awaitBoot: "rebooting, waiting up to \(StationError.seconds(wait)) …"
        case .confirmBoot: "the journal shows a reset with no boot after it: checking whether the station booted since"
        case .arriveAtGroup: "waiting for the other SCN members before the reboot"
        case .preflight: "read; waiting for the other SCN members before the first write"
        case .identify, .backup, .write, .readBack, .finish: nil
        }
    }

    /// `changes`: the run's change records, for the value each write replaces.
    static func lines(after action: StationRun.Action, _ event: StationRun.Event, changes: [ChangeRecord] = [],
                      state: StationRun.State = .idle) -> [String] {
        if case .restoring = state, case .write(let batch) = action, case .wrote(let statuses) = event {
            return zip(batch, statuses).map { "restored \($0.key) to \($0.shownValue) (\($1.rawValue))" }
        }
        return switch (action, event) {
        case (.connect, .connected(let firmware)): ["connected" + (firmware.map { " (firmware \($0))" } ?? "")]
        case (.write(let batch), .wrote(let statuses)):
            zip(batch, statuses).map { write, status in
                let from = changes.last { $0.key == write.key }?.from.map { "\($0) → " } ?? ""
                return "\(write.key) \(from)\(write.shownValue) \(status.rawValue)"
            }
        case (.reset(let kind), .resetAnswered(_, false)): ["\(kind.rawValue) Reset refused"]
        case (_, .booted(let firmware)): ["back after the reboot (firmware \(firmware ?? "unknown"))"]
        case (_, .noBoot): ["no boot since the journaled reset: the reset is sent again"]
        case (.arriveAtGroup(nil), .groupDecided(let words)) where words.contains(where: { $0.failure != nil }):
            ["another SCN member refused (\(words.compactMap { word in word.failure.map { "\(word.station): \($0)" } }.joined(separator: "; "))); this station's SCN settings are restored"]
        case (_, .lost(let reason)): [reason]
        default: []
        }
    }

    static func finished(_ outcome: RunOutcome, changes: [ChangeRecord]) -> String {
        switch outcome {
        case .applied: "done, every value read back as planned"
        case .unchanged: "nothing to change, every value already as planned"
        case .rolledBack(let reason): "rolled back: \(reason)"
        case .failed(let reason), .refusedInput(_, let reason, _): "failed: \(reason)"
        case .lost: "stopped; `chargectl apply --resume RUN` finishes it"
        }
    }
}
