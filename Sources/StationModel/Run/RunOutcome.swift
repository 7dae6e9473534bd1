/// How one station's run ended (SPEC §7 `status`, SPEC §1 exit codes).
public enum RunOutcome: Sendable, Equatable, Codable {
    case applied
    case unchanged
    /// Refused by the station (exit 4); what the run had changed was restored.
    case rolledBack(reason: String)
    /// The station did not keep a change, or could not be restored (exit 4).
    case failed(reason: String)
    /// The pre-flight found the run cannot go on, before anything was written (exit 2).
    case refusedInput(code: String, reason: String, hint: String)
    /// The link failed mid-run (exit 3); `apply --resume` finishes it.
    case lost(reason: String)

    public var status: RunStatus {
        switch self {
        case .applied: .applied
        case .unchanged: .unchanged
        case .rolledBack: .rolledBack
        case .failed, .refusedInput, .lost: .failed
        }
    }

    public var reason: String? {
        switch self {
        case .applied, .unchanged: nil
        case .rolledBack(let reason), .failed(let reason), .refusedInput(_, let reason, _), .lost(let reason): reason
        }
    }

    /// What the SCN group hears: a refusal makes the other members restore their SCN settings; a lost station
    /// does not (it is resumed, not rolled back).
    public var groupFailure: String? {
        switch self {
        case .applied, .unchanged, .lost: nil
        case .rolledBack(let reason), .failed(let reason), .refusedInput(_, let reason, _): reason
        }
    }
}

/// SPEC §7: a station's `status` in a run's report.
public enum RunStatus: String, Sendable, Codable {
    case applied, unchanged
    case rolledBack = "rolled-back"
    case failed
}

/// One planned change as a run's report shows it (SPEC §7 `changes`).
public struct ChangeRecord: Sendable, Equatable {
    public var setting: SettingID?
    public var key: String
    /// The value before the run (masked when secret); nil when the station did not report the key.
    public var from: String?
    /// Masked when secret.
    public var to: String
    public var status: ChangeStatus

    public init(setting: SettingID?, key: String, from: String?, to: String, status: ChangeStatus) {
        self.setting = setting
        self.key = key
        self.from = from
        self.to = to
        self.status = status
    }

    init(_ write: PlannedWrite, from: String?, status: ChangeStatus) {
        self.init(setting: write.setting, key: write.key, from: from, to: write.shownValue, status: status)
    }
}

/// What became of one change.
public enum ChangeStatus: String, Sendable, Codable {
    case unchanged
    case notSent = "not-sent"
    case applied
    case appliedPendingReset = "applied-pending-reset"
    case rejected
    case notSupported = "not-supported"
    case restored
    case restoreFailed = "restore-failed"

    init(_ status: WriteStatus) {
        switch status {
        case .accepted: self = .applied
        case .rebootRequired: self = .appliedPendingReset
        case .rejected: self = .rejected
        case .notSupported: self = .notSupported
        }
    }
}
