import StationModel

/// One station's result of a live run, in SPEC §7's shape: `{id, status, changes: [{setting, key, from, to,
/// status}], backup, error}`.
public struct StationResult: Sendable, Equatable {
    public enum Status: String, Sendable, Codable { case applied, unchanged, rolledBack = "rolled-back", failed }

    /// Which SPEC §1 exit code the failure maps to.
    public enum Severity: Int, Sendable, Comparable {
        case ok = 0, invalid = 2, communication = 3, refused = 4
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Change: Sendable, Equatable {
        public var setting: String?
        public var key: String
        /// The value before the run (masked when secret); nil when the station did not report the key.
        public var from: String?
        public var to: String
        /// `unchanged`, `not-sent`, `applied`, `applied-pending-reset`, `rejected`, `not-supported`, `restored`,
        /// `restore-failed`.
        public var status: String
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
    public var status: Status
    public var changes: [Change]
    public var backup: String?
    public var error: Failure?

    public var severity: Severity { error?.severity ?? .ok }
}
