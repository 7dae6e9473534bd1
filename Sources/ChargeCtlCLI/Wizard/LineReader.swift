/// One answer typed at the wizard's prompt (SPEC §9).
enum LineInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-D, or the end of a pipe: quit.
    case endOfInput
    /// Ctrl-C: cancel, nothing written to any station.
    case interrupted
}

/// Where the wizard's answers are typed: GNU readline on a terminal, the environment's plain reader in tests.
protocol LineReader: Sendable {
    /// Shows `prompt` (the default in brackets is part of it) and reads one line; Tab offers `completions`.
    func read(prompt: String, completions: [String]) -> LineInput
}

/// The environment's line reader (`CLIEnvironment.readLine`): no completion, no history; a thrown error ends the
/// session as Ctrl-C would.
struct PlainLineReader: LineReader {
    let readLine: @Sendable (String) throws -> String?

    func read(prompt: String, completions: [String]) -> LineInput {
        do {
            guard let line = try readLine(prompt) else { return .endOfInput }
            return .line(line)
        } catch {
            return .interrupted
        }
    }
}

extension CLIEnvironment {
    /// The reader the wizard asks with: readline in the live environment, the plain one otherwise.
    func lineReader() -> any LineReader {
        wizardLineReader?() ?? PlainLineReader(readLine: readLine)
    }
}
