import AllocationCore

extension Finding {
    /// A finding about a field of a file.
    public init(_ severity: Severity, _ code: String, _ message: String, hint: String = "", path: FieldPath? = nil) {
        self.init(severity: severity, code: code, message: message, hint: hint, field: path?.description)
    }
}

/// The validator's verdict: errors refuse the input (exit 2, nothing sent); warnings are printed and the run goes on.
public struct ValidationReport: Sendable, Equatable {
    public var errors: [ConfigError] = []
    public var warnings: [Finding] = []
    public var isValid: Bool { errors.isEmpty }
}
