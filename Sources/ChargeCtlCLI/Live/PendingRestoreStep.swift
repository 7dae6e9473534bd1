import AllocationCore
import ChargeIO
import StationModel

/// SPEC §8: a `verify --live` run that died with its value lowered is repaired first thing by the next `verify` or
/// `apply --resume` over the same stations. Each restore is told on stderr; the outcomes go into verify's findings.
enum PendingRestoreStep {
    static func run(stations: [String], over kind: LinkKind, links: @escaping @Sendable (String) -> any StationLink,
                    wait: Swift.Duration, in env: CLIEnvironment) async -> [Finding] {
        guard let journal = PendingRestoreJournal(variables: env.variables, storage: env.runStorage) else { return [] }
        do {
            let outcomes = try await journal.restorePending(stations: Set(stations), over: kind, wait: wait) { links($0.station) }
            for outcome in outcomes { env.console.err(outcome.message + "\n") }
            return outcomes.map { outcome in
                Finding(severity: outcome.restored ? .pass : .fail, code: "verify.live.restored", message: outcome.message,
                        hint: outcome.restored ? "" : "restore it by hand (`chargectl config set \(outcome.record.station) SmartMeter-MaxCurrent=\(Quantity.decimal(outcome.record.original, places: 2))`); the record stays until then")
            }
        } catch {
            env.console.err("\(error.description)\n\(error.hint)\n")
            return [Finding(severity: .fail, code: "verify.live.restored", message: error.description, hint: error.hint)]
        }
    }
}
