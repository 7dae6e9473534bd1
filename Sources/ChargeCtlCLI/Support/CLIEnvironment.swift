import ChargeIO
import Foundation
import Logging

/// What a command may touch, injected so tests run commands in-process with a recording console and no
/// surprises (ARCHITECTURE.md, "Injected environment").
public struct CLIEnvironment: Sendable {
    public var console: any Console
    public var variables: [String: String]
    /// `--json`: one JSON document on stdout, every message on stderr (SPEC §1). Set once, from the command's
    /// `OutputOptions`, where its `run(_:)` starts (`env.reporting(output)`); the output path reads it here.
    public var json = false
    /// Writes a file the user asked for (`--svg`, backups); tests capture it.
    public var writeFile: @Sendable (_ path: String, _ contents: String) throws -> Void
    /// Reads a file the user named (secrets, aliases); `-` is standard input. Tests replace it.
    public var readFile: @Sendable (_ path: String) throws -> String = { path in
        if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
    /// Opens Modbus connections (`meter test`, `station status`); tests may substitute their own.
    public var modbusConnector: ModbusConnector
    /// Where `make install` put the presets; nil in tests so only the built-in ones and given files count.
    public var installedPresetDirectory: String?
    /// mDNS and the TCP scan (`discover`, `advertise`); refused unless a test or `live` provides it.
    public var discovery: any DiscoveryPort
    /// Starts the OCPP central system stations connect to (SPEC §5); tests hand in a fake directory. The live
    /// environment first asks a running `serve` (its control socket) and starts its own only when none answers.
    public var centralSystem: @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory = {
        try await CentralSystem.start($0, logger: $1)
    }
    /// The central system `serve` runs: always its own listener, never another serve's.
    public var startCentralSystem: @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory = {
        try await CentralSystem.start($0, logger: $1)
    }
    /// `serve`'s control socket: where serve listens and where the other commands look for it; nil: none.
    public var controlSocketPath: String?
    /// Ends a long-running command (`serve`): SIGINT or SIGTERM in the live environment; tests end it themselves.
    public var stopRequests: @Sendable () -> AsyncStream<Void> = { StopSignals.stream() }
    /// The wall clock, for backup file names.
    public var now: @Sendable () -> Date = { Date() }
    /// Creates a folder and its parents (backups); tests replace it.
    public var makeDirectory: @Sendable (_ path: String) throws -> Void = { path in
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Appends a line and syncs it to disk before returning (the run journal, SPEC §6); tests replace it.
    public var appendLine: @Sendable (_ path: String, _ line: String) throws -> Void = RunStorage.appendDurably

    /// The run's files (plan, journal, backups) through the closures above.
    public var runStorage: RunStorage {
        RunStorage(makeDirectory: makeDirectory, write: writeFile, append: appendLine, read: readFile)
    }

    public init(console: any Console, variables: [String: String],
                modbusConnector: @escaping ModbusConnector = ModbusClient.connector,
                installedPresetDirectory: String? = nil,
                writeFile: @escaping @Sendable (String, String) throws -> Void,
                discovery: any DiscoveryPort = RefusingDiscoveryPort()) {
        self.console = console
        self.variables = variables
        self.writeFile = writeFile
        self.modbusConnector = modbusConnector
        self.installedPresetDirectory = installedPresetDirectory
        self.discovery = discovery
    }

    public static var live: CLIEnvironment {
        var env = CLIEnvironment(console: StandardConsole(), variables: ProcessInfo.processInfo.environment,
                                 installedPresetDirectory: MeterPresetCatalog.installedDirectory,
                                 writeFile: { path, contents in try contents.write(toFile: path, atomically: true, encoding: .utf8) },
                                 discovery: LiveDiscoveryPort())
        env.controlSocketPath = ControlSocketPath.default(environment: env.variables)
        env.centralSystem = ServeReuse.centralSystem(socket: env.controlSocketPath)
        return env
    }

    /// SPEC §1: colour only on a TTY and never with NO_COLOR set.
    public var useColour: Bool { console.isTerminal && variables["NO_COLOR"] == nil }
}
