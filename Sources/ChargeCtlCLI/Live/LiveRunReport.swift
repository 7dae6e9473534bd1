import AllocationCore
import ChargeIO
import StationModel

/// The result of a live run, SPEC §7: `{ok, run, stations: [{id, status, changes: [{setting, key, from, to, status}],
/// backup, error}], warnings: [finding], interrupted, summary}`; `ok` only when every station applied or was
/// already as planned.
struct LiveRunReport: Report {
    var run: String
    var results: [StationResult]
    var listening: String
    /// The plan's warnings, in the document as `--dry-run` has them (they were also said on stderr).
    var warnings: [Finding] = []
    /// Ctrl-C stopped the run: the document is partial, the exit status 130, `apply --resume RUN` finishes it.
    var interrupted = false
    /// How long the run took, for the site-wide summary.
    var seconds: Double = 0
    /// Where a station that did not connect could reach this machine (`ws://192.168.1.23:8180/ocpp/<id>`).
    var reachableAt: [ReachableAddress] = []

    var status: ExitStatus {
        if interrupted { return .interrupted }
        return results.map { ExitStatus(rawValue: Int32($0.severity.rawValue)) ?? .communication }.max() ?? .success
    }

    func failure(_ result: StationResult) -> CommandFailure? {
        guard let error = result.error else { return nil }
        var failure = if let stationError = error.stationError {
            CommandFailure(station: stationError, listening: listening, reachableAt: reachableAt)
        } else {
            CommandFailure(status: ExitStatus(rawValue: Int32(error.severity.rawValue)) ?? .refused, code: error.code,
                           message: error.message, hint: error.hint)
        }
        // The hint names this run, so it can be pasted.
        failure.hint = failure.hint.replacingOccurrences(of: "--resume RUN", with: "--resume \(run)")
        if interrupted, error.message.hasSuffix(StationResult.interruptedReason) {
            failure.code = "run.interrupted"
            failure.hint = "run `chargectl apply --resume \(run)` to finish it"
        }
        return failure
    }

    /// Stations applied, already as planned, and the rest.
    var counts: (applied: Int, unchanged: Int, failed: Int) {
        let applied = results.filter { $0.status == .applied }.count
        let unchanged = results.filter { $0.status == .unchanged }.count
        return (applied, unchanged, results.count - applied - unchanged)
    }

    var summaryLine: String {
        let (applied, unchanged, failed) = counts
        return "\(results.count) station\(results.count == 1 ? "" : "s") in \(CommandFailure.seconds((max(seconds, 0) * 10).rounded() / 10)): "
            + "\(applied) applied, \(unchanged) unchanged, \(failed) failed" + (interrupted ? " (interrupted)" : "")
    }

    struct Summary: Encodable {
        var applied: Int
        var unchanged: Int
        var failed: Int
        var seconds: Double
    }

    /// Prints the report, each failure's message and hint on stderr, and returns the run's exit status.
    func emit(in env: CLIEnvironment) throws -> ExitStatus {
        for failure in results.compactMap(failure) {
            env.console.err("error: \(failure.message)\n" + (failure.hint.isEmpty ? "" : "  hint: \(failure.hint)\n"))
        }
        try ReportOutput.emit(self, in: env)
        if interrupted, !env.json {
            env.console.err("interrupted: `chargectl apply --resume \(run)` finishes the run\n")
        }
        return status
    }

    struct Detail: Encodable {
        var code: String
        var message: String
        var hint: String
    }

    struct ChangeDocument: Encodable {
        @EncodedAsNull var setting: String?
        var key: String
        @EncodedAsNull var from: String?
        var to: String
        var status: String
    }

    struct StationDocument: Encodable {
        var id: String
        var status: String
        var changes: [ChangeDocument]
        @EncodedAsNull var backup: String?
        @EncodedAsNull var error: Detail?
    }

    enum Keys: String, CodingKey { case ok, run, stations, warnings, interrupted, summary, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(status == .success, forKey: .ok)
        try container.encode(run, forKey: .run)
        try container.encode(results.map(document), forKey: .stations)
        try container.encode(warnings.map(FindingDocument.init), forKey: .warnings)
        try container.encode(interrupted, forKey: .interrupted)
        let (applied, unchanged, failed) = counts
        try container.encode(Summary(applied: applied, unchanged: unchanged, failed: failed, seconds: (seconds * 10).rounded() / 10),
                             forKey: .summary)
        // SPEC §1: a failed run names its most severe problem at the top, as every failure document does.
        if let worst = results.filter({ $0.error != nil }).max(by: { $0.severity < $1.severity }).flatMap(failure) {
            try container.encode(Detail(code: worst.code, message: worst.message, hint: worst.hint), forKey: .error)
        }
    }

    func document(_ result: StationResult) -> StationDocument {
        StationDocument(id: result.station, status: result.status.rawValue,
                        changes: result.changes.map { ChangeDocument(setting: $0.setting?.rawValue, key: $0.key, from: $0.from, to: $0.to, status: $0.status.rawValue) },
                        backup: result.backup, error: failure(result).map { Detail(code: $0.code, message: $0.message, hint: $0.hint) })
    }

    func text(colour: Bool) -> String {
        var lines: [String] = []
        for result in results {
            let changed = result.changes.filter { $0.status != .unchanged }.count
            lines.append(ANSIStyle.bold.apply(result.station, enabled: colour) + ": \(result.status.rawValue)"
                         + " (\(changed) change\(changed == 1 ? "" : "s"), \(result.changes.count - changed) already as planned)")
            if !result.changes.isEmpty {
                var table = TextTable(columns: [.init("OCPP key"), .init("from"), .init("to"), .init("status")])
                table.colour = colour
                for change in result.changes { table.append([change.key, change.from ?? "?", change.to, change.status.rawValue]) }
                lines += table.lines().map { "  " + $0.trimmingTrailingSpaces }
            }
            if let backup = result.backup { lines.append("  backup: \(backup)") }
            if let error = result.error { lines.append("  " + error.message) }
        }
        lines.append(summaryLine)
        lines.append("run \(run): " + (interrupted ? "interrupted; `chargectl apply --resume \(run)` finishes it"
            : status == .success ? "done" : "finished with exit status \(status.rawValue)"))
        return lines.joined(separator: "\n") + "\n"
    }
}
