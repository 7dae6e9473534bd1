import ChargeCtlCLI
import ChargeIO
import Foundation

/// The one way these tests build a `CLIEnvironment`: it starts from the refusing defaults (a capability a test
/// does not opt in to fails loudly) with a recording console, and each `with…` gives one capability.
struct TestEnvironment {
    let console: RecordingConsole
    let files: RecordingFiles
    var env: CLIEnvironment

    init(variables: [String: String] = [:], console: RecordingConsole = RecordingConsole(), files: RecordingFiles = RecordingFiles()) {
        self.console = console
        self.files = files
        env = CLIEnvironment(console: console, variables: variables)
    }

    /// Files a command writes are kept in memory (`files`); reads see them first, then the repository's fixtures
    /// on disk (site files, `Docs/examples`), read only, when `disk` is true.
    func withFiles(readingDisk disk: Bool = true) -> Self {
        var copy = self
        let files = self.files
        copy.env.writeFile = { path, contents in files.write(path, contents) }
        copy.env.readFile = { path in
            if let text = files[path] { return text }
            guard disk, path != "-" else { throw TestEnvironmentRefusal(capability: "file \(path)") }
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        copy.env.listDirectory = { folder in
            files.paths.filter { $0.hasPrefix(folder + "/") }.map { String($0.dropFirst(folder.count + 1)) }.filter { !$0.contains("/") }
        }
        return copy
    }

    /// Backups and run journals in memory: directories are free, appended lines land in `files`.
    func withRunStorage() -> Self {
        var copy = withFiles()
        let files = self.files
        copy.env.makeDirectory = { _ in }
        copy.env.appendLine = { path, line in files.write(path, (files[path] ?? "") + line) }
        return copy
    }

    func withClock(_ now: @escaping @Sendable () -> Date) -> Self {
        var copy = self
        copy.env.now = now
        return copy
    }

    /// Stations reach the command through `start` (a fake or scripted directory) instead of a listener.
    func withCentralSystem(_ start: @escaping @Sendable (CentralSystemConfiguration) -> any StationDirectory) -> Self {
        var copy = self
        copy.env.centralSystem = { configuration, _ in start(configuration) }
        return copy
    }

    func withDiscovery(_ port: any DiscoveryPort) -> Self {
        var copy = self
        copy.env.discovery = port
        return copy
    }

    /// Real Modbus clients, for the tests that run a loopback Modbus server on port 0.
    func withLoopbackModbus() -> Self {
        var copy = self
        copy.env.modbusConnector = ModbusClient.connector
        return copy
    }

    /// Real HTTPS station links (loopback stations of a virtual site), the certificates pinned in `knownStations`.
    func withHTTPSLinks(knownStations: String) -> Self {
        var copy = self
        copy.env.httpsLink = HTTPSLinks.live(console: console, knownStations: knownStations)
        // An HTTPS run watches for Ctrl-C through `stopRequests`: here nobody presses it.
        copy.env.stopRequests = { AsyncStream { _ in } }
        return copy
    }

    /// Parses `arguments` exactly as the binary would and runs the command in this environment, through the
    /// process's own entry (`ChargeCtlCommand.execute`): syntax errors are exit 64 here too.
    func run(_ arguments: [String]) async throws -> ExitStatus {
        let code = await ChargeCtlCommand.execute(arguments, in: env)
        guard let status = ExitStatus(rawValue: code) else { throw CocoaError(.featureUnsupported) }
        return status
    }
}

/// Ctrl-C, pressed once after `delay`: an `env.interrupts` for tests of what a live command does when stopped.
enum CtrlC {
    static func after(_ delay: Duration) -> @Sendable () -> AsyncStream<Void> {
        {
            AsyncStream { continuation in
                Task {
                    try? await Task.sleep(for: delay)
                    continuation.yield()
                }
            }
        }
    }
}
