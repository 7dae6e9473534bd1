/// A console whose stdout is the wrapped console's stderr: a command run inside another (the wizard's meter test,
/// apply) prints for the person watching, and the outer command's stdout keeps its one result.
struct StderrConsole: Console {
    let base: any Console

    func out(_ text: String) { base.err(text) }
    func err(_ text: String) { base.err(text) }
    var isTerminal: Bool { base.isErrorTerminal }
    var isErrorTerminal: Bool { base.isErrorTerminal }
}

extension CLIEnvironment {
    /// This environment for a command run inside another: text output (never JSON) on stderr.
    func withOutputOnStderr() -> CLIEnvironment {
        var env = self
        env.console = StderrConsole(base: console)
        env.json = false
        return env
    }
}
