import Foundation

/// A command's result: one value that is both the `--json` document and the text a person reads
/// (ARCHITECTURE.md, "One output path").
public protocol Report: Encodable {
    func text(colour: Bool) -> String
}

enum ReportOutput {
    /// The report as one JSON document when the command line said `--json` (`env.json`), as text otherwise.
    static func emit(_ report: some Report, in env: CLIEnvironment) throws {
        if env.json {
            env.console.out(try encode(report) + "\n")
        } else {
            env.console.out(report.text(colour: env.useColour))
        }
    }

    /// SPEC §1: a failed run still prints one JSON document with `--json`; the message always goes to stderr.
    static func emit(_ failure: CommandFailure, in env: CLIEnvironment) {
        for problem in [failure] + failure.more {
            env.console.err("error: \(problem.message)\n" + (problem.hint.isEmpty ? "" : "  hint: \(problem.hint)\n"))
        }
        guard env.json else { return }
        let document = FailureDocument(error: .init(failure), errors: failure.more.isEmpty ? nil : ([failure] + failure.more).map(FailureDocument.Detail.init))
        env.console.out(((try? encode(document)) ?? #"{"ok":false}"#) + "\n")
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct FailureDocument: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var hint: String
            init(_ failure: CommandFailure) {
                code = failure.code
                message = failure.message
                hint = failure.hint
            }
        }
        var ok = false
        var error: Detail
        var errors: [Detail]?
    }
}

/// Runs a command body with the shared error handling: the report on success, the failure document and the right
/// exit status otherwise.
enum CommandRunner {
    static func run(in env: CLIEnvironment, _ body: () async throws -> ExitStatus) async -> ExitStatus {
        do {
            return try await body()
        } catch {
            let failure = CommandFailure(error)
            ReportOutput.emit(failure, in: env)
            return failure.status
        }
    }
}
