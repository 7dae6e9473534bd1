import ArgumentParser

extension ChargeCtlCommand {
    /// The whole process: parse `arguments`, run the command in `env`, return the exit code. It replaces
    /// ArgumentParser's `main()` so that SPEC §1 holds on the syntax path too: with `--json` anywhere on the command
    /// line, a syntax error (exit 64) still prints one `{"ok": false, "error": …}` document on stdout. Help,
    /// `--version` and completion scripts print as ArgumentParser prints them.
    public static func execute(_ arguments: [String], in env: CLIEnvironment) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(parseError: error, arguments: arguments, in: env)
        }
        if let runnable = command as? any EnvironmentRunnable {
            return await runnable.run(env).rawValue
        }
        // A command group without a default (`chargectl config`): ArgumentParser's own run prints its help.
        do {
            var command = command
            if var asyncCommand = command as? any AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
            return 0
        } catch {
            return report(parseError: error, arguments: arguments, in: env)
        }
    }

    /// ArgumentParser's message for `error` on the stream it belongs to; with `--json` a failure document too.
    static func report(parseError error: any Error, arguments: [String], in env: CLIEnvironment) -> Int32 {
        let status = exitCode(for: error).rawValue
        let text = fullMessage(for: error)
        guard status != 0 else {
            if !text.isEmpty { env.console.out(text + "\n") }
            return 0
        }
        let json = arguments.contains("--json")
        guard json else {
            if !text.isEmpty { env.console.err(text + "\n") }
            return status
        }
        let failure = CommandFailure(status: .usage, code: "usage.syntax", message: message(for: error), hint: hint(from: text))
        var reporting = env
        reporting.json = true
        ReportOutput.emit(failure, in: reporting)
        return status
    }

    /// ArgumentParser ends a syntax error's text with "See 'chargectl station status --help' for more
    /// information."; the document's hint says the same.
    static func hint(from text: String) -> String {
        guard let start = text.range(of: "See '"), let end = text[start.upperBound...].firstIndex(of: "'") else {
            return "see `chargectl --help`"
        }
        return "see `\(text[start.upperBound..<end])` for the command's flags"
    }
}
