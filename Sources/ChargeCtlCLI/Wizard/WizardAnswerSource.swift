import AllocationCore
import ChargeIO
import StationModel

/// Where the wizard's answers come from: a person at the terminal, or an answers file (`--answers FILE`).
protocol WizardAnswerSource {
    /// The answer to `question`; `problems` are why it is asked again.
    func answer(_ question: WizardQuestion, problems: [ConfigError]) throws -> String
    /// What the wizard says back (a refused answer, help, a warning); a file has no one to say it to but stderr.
    func tell(_ text: String)
}

/// Why a session ended without its site: the person cancelled or quit, or a file lacked an answer.
enum WizardStop: Error {
    case cancelled
    case quit
}

/// A person at the terminal: the question, its default in brackets, Tab completion.
struct TerminalAnswers: WizardAnswerSource {
    let reader: any LineReader
    let console: any Console

    func answer(_ question: WizardQuestion, problems: [ConfigError]) throws -> String {
        for problem in problems { tell(WizardText.problem(problem)) }
        let prompt = question.prompt + (question.defaultAnswer.map { " [\($0)]" } ?? "") + ": "
        switch reader.read(prompt: prompt, completions: question.completions) {
        case let .line(text): return text
        case .endOfInput: throw WizardStop.quit
        case .interrupted: throw WizardStop.cancelled
        }
    }

    func tell(_ text: String) { console.err(text + "\n") }
}

/// `--answers FILE`: question id → answer (SPEC §9). A question the file does not answer takes its default, as
/// Enter would; one without a default is exit 2 naming its id, and so is an answer the rules refuse (no one is
/// there to type it again).
struct FileAnswers: WizardAnswerSource {
    let answers: [String: String]
    let file: String
    let console: any Console

    static func load(_ path: String, in env: CLIEnvironment) throws -> FileAnswers {
        let text: String
        do { text = try env.readFile(path) } catch {
            throw CommandFailure(status: .invalidInput, code: "file.unreadable", message: "\(path): cannot read the answers file",
                                 hint: "check the path")
        }
        let document = try YAMLDocument.parse(text, file: path)
        guard case let .mapping(entries) = document.value else {
            throw CommandFailure(status: .invalidInput, code: "wizard.answers-file",
                                 message: "\(path): expected a mapping of question id to answer",
                                 hint: "write one line per question, like installation.maxCurrent: 63")
        }
        var answers: [String: String] = [:]
        for entry in entries {
            guard case let .scalar(value, _) = entry.value.value else {
                throw CommandFailure(status: .invalidInput, code: "wizard.answers-file",
                                     message: "\(path):\(entry.keyLine): the answer to \(entry.key) must be one value",
                                     hint: "write it as the text you would type, like \(entry.key): 32")
            }
            answers[entry.key] = value
        }
        return FileAnswers(answers: answers, file: path, console: env.console)
    }

    func answer(_ question: WizardQuestion, problems: [ConfigError]) throws -> String {
        if let problem = problems.first {
            throw CommandFailure(status: .invalidInput, code: problem.code,
                                 message: "\(file): \(question.id): \(problem.message)", hint: problem.hint)
        }
        if let answer = answers[question.id] { return answer }
        if question.defaultAnswer != nil { return "" }
        throw CommandFailure(status: .invalidInput, code: "wizard.answer-missing",
                             message: "\(file) has no answer to \(question.id) (\(question.prompt))",
                             hint: "add a line \(question.id): …")
    }

    func tell(_ text: String) { console.err(text + "\n") }
}

/// How the wizard words what it says back.
enum WizardText {
    static func problem(_ error: ConfigError) -> String {
        "  ✗ \(error.message) [\(error.code)]" + (error.hint.isEmpty ? "" : "\n    \(error.hint)")
    }

    static func warning(_ finding: Finding) -> String {
        "  ! \(finding.message) [\(finding.code)]" + (finding.hint.isEmpty ? "" : "\n    \(finding.hint)")
    }
}
