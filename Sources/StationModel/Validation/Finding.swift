/// A judgement for people and scripts (SPEC §7 finding shape).
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable { case pass, warn, fail }
    public var severity: Severity
    public var code: String
    public var message: String
    public var hint: String
    public var path: FieldPath?

    public init(_ severity: Severity, _ code: String, _ message: String, hint: String = "", path: FieldPath? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.path = path
    }
}

/// The validator's verdict: errors refuse the input (exit 2, nothing sent); warnings are printed and the run goes on.
public struct ValidationReport: Sendable, Equatable {
    public var errors: [ConfigError] = []
    public var warnings: [Finding] = []
    public var isValid: Bool { errors.isEmpty }
}
