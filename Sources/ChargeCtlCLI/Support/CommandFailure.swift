import StationModel

/// SPEC §1 exit codes.
public enum ExitStatus: Int32, Sendable, Comparable {
    case success = 0
    case checkFailed = 1
    case invalidInput = 2
    case communication = 3
    case refused = 4
    /// Command-line syntax ArgumentParser caught (unknown flag, not a number): `EX_USAGE`.
    case usage = 64
    /// The person interrupted the run (SIGINT): 128 + 2, as a shell reports it.
    case interrupted = 130

    /// With several stations the run exits with the most severe: 4, then 3, then 2, then 1.
    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A failed run as the user sees it: a stable code, what happened, what to do, and the exit status.
public struct CommandFailure: Error, Sendable {
    public var status: ExitStatus
    public var code: String
    public var message: String
    public var hint: String
    /// Further problems of the same run (every invalid field of a file, for example).
    public var more: [CommandFailure] = []

    public init(status: ExitStatus, code: String, message: String, hint: String, more: [CommandFailure] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        self.more = more
    }

    /// Maps any error a command lets escape to what the user is told.
    public init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let config as ConfigError:
            self.init(status: .invalidInput, code: config.code, message: config.description, hint: config.hint)
        case let configs as ConfigErrors:
            let all = configs.errors.map(CommandFailure.init)
            self = all.first ?? CommandFailure(status: .invalidInput, code: "input.invalid", message: "invalid input", hint: "")
            self.more = Array(all.dropFirst())
        default:
            self.init(status: .communication, code: "internal.unexpected", message: "\(error)",
                      hint: "run again with -v and report the output if it persists")
        }
    }
}
