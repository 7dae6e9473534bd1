import ArgumentParser

/// A command whose work takes an injected environment; ArgumentParser's `run()` only supplies the live one.
public protocol EnvironmentRunnable {
    func run(_ env: CLIEnvironment) async -> ExitStatus
}

extension EnvironmentRunnable {
    /// The body of every command's `run()`: the process exits with the command's status.
    func runLive() async throws {
        let status = await run(.live)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
