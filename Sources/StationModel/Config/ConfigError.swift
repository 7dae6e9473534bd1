/// A problem with an input file or value, found before anything is sent (exit 2, SPEC §1).
/// `code` is stable for scripts and tests; `message` and `hint` are for people.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var file: String?
    public var line: Int?
    public var path: FieldPath
    public var message: String
    public var hint: String

    public init(code: String, file: String? = nil, line: Int? = nil, path: FieldPath, message: String, hint: String = "") {
        self.code = code
        self.file = file
        self.line = line
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `site.yaml:14: stations[2].sockets[0].maxCurrent: expected amperes, found "lots"`
    public var description: String {
        var location = ""
        if let file { location += line.map { "\(file):\($0): " } ?? "\(file): " }
        return "\(location)\(path): \(message)"
    }
}

/// Several problems found in one pass, so a person fixes them all at once; the first is the headline.
public struct ConfigErrors: Error, Sendable, Equatable {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
}
