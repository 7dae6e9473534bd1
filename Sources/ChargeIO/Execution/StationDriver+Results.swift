import StationModel

/// A station's run as SPEC §7 reports it.
extension StationDriver {
    func result(_ outcome: StationRun.Outcome, _ context: inout Context) -> StationResult {
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

    func earlierResult(_ state: JournalReplay.StationState, _ context: inout Context) async -> StationResult {
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

