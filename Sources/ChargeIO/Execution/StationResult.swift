import StationModel

/// One station's result of a live run, in SPEC §7's shape: `{id, status, changes: [{setting, key, from, to,
/// status}], backup, error}`.
public struct StationResult: Sendable, Equatable {
    /// Which SPEC §1 exit code the failure maps to.
    public enum Severity: Int, Sendable, Comparable {
        case ok = 0, invalid = 2, communication = 3, refused = 4
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Failure: Sendable, Equatable {
        public var severity: Severity
        public var code: String
        public var message: String
        public var hint: String
        /// The communication failure behind it, for the CLI's own codes and hints.
        public var stationError: StationError?

        public init(severity: Severity, code: String, message: String, hint: String, stationError: StationError? = nil) {
            self.severity = severity
            self.code = code
            self.message = message
            self.hint = hint
            self.stationError = stationError
        }
    }

    public var station: String
    public var status: RunStatus
    public var changes: [ChangeRecord]
    public var backup: String?
    public var error: Failure?

    public init(station: String, status: RunStatus, changes: [ChangeRecord], backup: String?, error: Failure?) {
        self.station = station
        self.status = status
        self.changes = changes
        self.backup = backup
        self.error = error
    }

    public var severity: Severity { error?.severity ?? .ok }

    /// Why a station stopped when the run was interrupted (Ctrl-C): its failure message ends with this.
    public static let interruptedReason = "interrupted (Ctrl-C) before the run finished"

    /// A finished run as the report shows it: the outcome's status, code, message and what to do next.
    public init(_ run: StationRun, outcome: RunOutcome, lostBecause stationError: StationError?) {
        let id = run.plan.station
        let backup = run.backupPath
        let failure: Failure? = switch outcome {
        case .applied, .unchanged:
            nil
        case .rolledBack(let reason):
            Failure(severity: .refused, code: "station.refused", message: "\(id): \(reason); this run's changes were restored",
                    hint: "check the key's name and value; `chargectl config get \(id)` shows what the station has")
        case .failed(let reason):
            Failure(severity: .refused, code: "station.change-failed", message: "\(id): \(reason)",
                    hint: backup.map { "compare with `chargectl config get \(id)`; `chargectl config restore \(id) \($0)` puts the backup back" }
                        ?? "compare with `chargectl config get \(id)`")
        case .refusedInput(let code, let reason, let hint):
            Failure(severity: .invalid, code: code, message: "\(id): \(reason)", hint: hint)
        case .lost(let reason):
            if let stationError, case .link(let code, _, let hint, _) = stationError.reason {
                // The HTTPS link's failures keep their own code and hint (SPEC §3), and the resume.
                Failure(severity: .communication, code: code, message: reason.hasPrefix(id) ? reason : "\(id): \(reason)",
                        hint: hint + "; then finish with `chargectl apply --resume RUN`", stationError: stationError)
            } else {
            Failure(severity: stationError.map { $0.reason.isInvalidRequest ? .invalid : .communication } ?? .communication,
                    code: "station.failed", message: reason.hasPrefix(id) ? reason : "\(id): \(reason)",
                    hint: "run `chargectl apply --resume RUN` once the station is reachable", stationError: stationError)
            }
        }
        self.init(station: id, status: outcome.status, changes: run.changes, backup: backup, error: failure)
    }
}

extension StationError.Reason {
    var isInvalidRequest: Bool { if case .invalidRequest = self { true } else { false } }
}
