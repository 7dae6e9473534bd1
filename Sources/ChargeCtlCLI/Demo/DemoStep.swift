import ArgumentParser
import ChargeIO
import Foundation
import JSONText

/// One command of the demo, exactly as an installer would type it; it is parsed and run like the binary would.
struct DemoStep: Sendable {
    var arguments: [String]

    var commandLine: String { (["chargectl"] + arguments.map(Self.quoted)).joined(separator: " ") }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { " \"'$".contains($0) }) ? "'\(argument)'" : argument
    }
}

/// What one command did: its exit status, how long it took, and what it printed (text) or reported (`--json`).
struct DemoStepResult: Sendable, Encodable {
    var command: String
    var exitCode: Int32
    var seconds: Double
    /// The command's own JSON document in `--json` mode.
    var result: JSONValue?
    /// The command's own text in text mode (not encoded: the JSON document carries `result` instead).
    var text: String

    var succeeded: Bool { exitCode == 0 }

    private enum CodingKeys: String, CodingKey { case command, exitCode, seconds, result }
}

enum DemoStepRunner {
    /// Runs the step's command in-process against `env` (its console replaced by one that captures), adding
    /// `--json` when the demo itself reports JSON so the step's document can be embedded.
    static func run(_ step: DemoStep, in env: CLIEnvironment, json: Bool,
                    progress: @escaping @Sendable (String) -> Void) async -> DemoStepResult {
        let console = CapturingConsole(isTerminal: env.console.isTerminal, progress: progress)
        var stepEnv = env
        stepEnv.console = console
        let arguments = step.arguments + (json ? ["--json"] : [])
        let clock = ContinuousClock()
        let started = clock.now
        let status: Int32
        do {
            let command = try ChargeCtlCommand.parseAsRoot(arguments)
            if let runnable = command as? any EnvironmentRunnable {
                status = await runnable.run(stepEnv).rawValue
            } else {
                console.err("error: \(step.commandLine) is not a command the demo can run in-process\n")
                status = ExitStatus.invalidInput.rawValue
            }
        } catch {
            // A parse error here is a bug in the demo's own argument lists: say which.
            console.err("error: \(step.commandLine): \(ChargeCtlCommand.message(for: error))\n")
            status = 64
        }
        let elapsed = started.duration(to: clock.now)
        let document = json ? Array(console.stdout.utf8).withUnsafeBufferPointer(JSONValueDecoding.parse) : nil
        return DemoStepResult(command: step.commandLine, exitCode: status, seconds: elapsed.roundedSeconds,
                              result: document, text: console.stdout)
    }
}
