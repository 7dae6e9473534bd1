import ArgumentParser

/// `--json`, declared once for every command that reports (ARCHITECTURE.md: shared flags are `@OptionGroup`s).
/// A command's `run(_:)` puts it in the environment first (`env.reporting(output)`); the one output path
/// (`ReportOutput`, `CommandRunner`) reads it from there.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON document on stdout (meter test --watch: one per line); messages go to stderr.")
    var json = false
}

extension CLIEnvironment {
    /// This environment reporting as the command line asked (`--json` or text).
    func reporting(_ output: OutputOptions) -> CLIEnvironment {
        var env = self
        env.json = output.json
        return env
    }
}
