import StationModel

/// The progress lines of a station's run, for stderr (SPEC §1: long waits show progress).
enum RunProgress {
    static var interrupted: String { StationResult.interruptedReason }

    static func line(for action: StationRun.Action, address: String, wait: Swift.Duration) -> String? {
        switch action {
        case .connect: "waiting for the station on \(address) (up to \(StationError.seconds(wait))) …"
        case .reset(let kind): "Reset (\(kind.rawValue))"
        case .awaitBoot: "rebooting, waiting up to \(StationError.seconds(wait)) …"
        case .confirmBoot: "the journal shows a reset with no boot after it: checking whether the station booted since"
        case .arriveAtGroup: "waiting for the other SCN members before the reboot"
        case .preflight: "read; waiting for the other SCN members before the first write"
        case .identify, .backup, .write, .readBack, .finish: nil
        }
    }

    static func lines(after action: StationRun.Action, _ event: StationRun.Event) -> [String] {
        switch (action, event) {
        case (.connect, .connected(let firmware)): ["connected" + (firmware.map { " (firmware \($0))" } ?? "")]
        case (.write(let batch), .wrote(let statuses)): zip(batch, statuses).map { "\($0.key) = \($0.shownValue): \($1.rawValue)" }
        case (.reset(let kind), .resetAnswered(_, false)): ["\(kind.rawValue) Reset refused"]
        case (_, .booted(let firmware)): ["back after the reboot (firmware \(firmware ?? "unknown"))"]
        case (_, .noBoot): ["no boot since the journaled reset: the reset is sent again"]
        case (_, .groupDecided(let others)) where !others.isEmpty:
            ["another SCN member refused (\(others.joined(separator: "; "))); this station's SCN settings are restored"]
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
