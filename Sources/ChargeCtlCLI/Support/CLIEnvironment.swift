import ChargeHTTPS
import ChargeIO
import Foundation
import Logging
import ModbusProtocol

/// What a command may touch, injected so tests run commands in-process (ARCHITECTURE.md, "Injected environment").
/// The plain initializer's capabilities refuse: a test that forgets to give a file, a clock or a port fails loudly
/// with "test environment: no … given" instead of touching the machine. `CLIEnvironment.live` is the real one.
public struct CLIEnvironment: Sendable {
    public var console: any Console
    public var variables: [String: String]
    /// `--json`: one JSON document on stdout, every message on stderr (SPEC §1). Set once, from the command's
    /// `OutputOptions`, where its `run(_:)` starts (`env.reporting(output)`); the output path reads it here.
    public var json = false
    /// Writes a file the user asked for (`--svg`, backups).
    public var writeFile: @Sendable (_ path: String, _ contents: String) throws -> Void = { path, _ in
        throw TestEnvironmentRefusal(capability: "file writer (writeFile)", detail: path)
    }
    /// Reads a file the user named (secrets, aliases, backups); `-` is standard input.
    public var readFile: @Sendable (_ path: String) throws -> String = { path in
        throw TestEnvironmentRefusal(capability: "file reader (readFile)", detail: path)
    }
    /// Opens Modbus connections (`meter test`, `station status`); refused connections answer "unreachable".
    public var modbusConnector: ModbusConnector = { endpoint, _ in RefusingModbusConnection(endpoint: endpoint) }
    /// Where `make install` put the presets; nil: only the built-in ones and given files count.
    public var installedPresetDirectory: String?
    /// mDNS and the TCP scan (`discover`, `advertise`).
    public var discovery: any DiscoveryPort = RefusingDiscoveryPort()
    /// Starts the OCPP central system stations connect to (SPEC §5). The live environment first asks a running
    /// `serve` (its control socket) and starts its own only when none answers.
    public var centralSystem: @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory = { _, _ in
        throw TestEnvironmentRefusal(capability: "OCPP central system (centralSystem)")
    }
    /// The central system `serve` runs: always its own listener, never another serve's.
    public var startCentralSystem: @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory = { _, _ in
        throw TestEnvironmentRefusal(capability: "OCPP central system for serve (startCentralSystem)")
    }
    /// `serve`'s control socket: where serve listens and where the other commands look for it; nil: none.
    /// The HTTPS station link to one station (SPEC §3): the live one pins certificates in
    /// `$XDG_STATE_HOME/chargectl/known-stations`; tests point it at a loopback station.
    public var httpsLink: @Sendable (_ station: String, _ endpoint: HTTPSEndpoint, _ verbose: Bool) throws -> any StationLink = { station, endpoint, _ in
        throw TestEnvironmentRefusal(capability: "HTTPS station link (httpsLink)", detail: "\(station) at \(endpoint.host):\(endpoint.port)")
    }
    public var controlSocketPath: String?
    /// The wizard's terminal reader (GNU readline in the live environment); nil: the plain `readLine` below.
    var wizardLineReader: (@Sendable () -> any LineReader)?
    /// Ends a long-running command (`serve`): SIGINT or SIGTERM in the live environment. Without one, a
    /// long-running command is told to stop at once, so a test that forgot it ends rather than hangs.
    public var stopRequests: @Sendable () -> AsyncStream<Void> = {
        AsyncStream { continuation in
            continuation.yield()
            continuation.finish()
        }
    }
    /// Ctrl-C during a live run: the stream yields once per SIGINT (the live run stops its stations after their
    /// current step and prints what it has, exit 130). Without one nothing ever interrupts.
    public var interrupts: @Sendable () -> AsyncStream<Void> = { AsyncStream { $0.finish() } }
    /// Reads the answer to a question asked on the terminal (`Apply 7 changes to 3 stations? [y/N]`); nil at end
    /// of input. Only asked when the console is a terminal and the command is not in `--json` mode.
    public var readLine: @Sendable (_ prompt: String) throws -> String? = { prompt in
        throw TestEnvironmentRefusal(capability: "line reader (readLine)", detail: prompt)
    }
    /// This machine's IPv4 interfaces, for the address a station must dial (`ws://192.168.1.23:8180/ocpp/<id>`).
    public var interfaces: @Sendable () throws -> [MDNSInterface] = {
        throw TestEnvironmentRefusal(capability: "network interfaces (interfaces)")
    }
    /// The wall clock, for backup file names and run ids. Without one it is 1970-01-01, which no file name of a
    /// real run carries.
    public var now: @Sendable () -> Date = { Date(timeIntervalSince1970: 0) }
    /// Creates a folder and its parents (backups, run directories; private, 0700 when live).
    public var makeDirectory: @Sendable (_ path: String) throws -> Void = { path in
        throw TestEnvironmentRefusal(capability: "directory maker (makeDirectory)", detail: path)
    }
    /// The names of the files in a folder (`adopt --release` looks for the newest adopt backup of a station).
    public var listDirectory: @Sendable (_ path: String) throws -> [String] = { path in
        throw TestEnvironmentRefusal(capability: "directory lister (listDirectory)", detail: path)
    }
    /// Writes a file only its owner may read (backups, a run's plan: 0600); nil writes through `writeFile`, as
    /// tests that record files want.
    public var writePrivateFile: (@Sendable (_ path: String, _ contents: String) throws -> Void)?
    /// Appends a line and syncs it to disk before returning (the run journal, SPEC §6).
    public var appendLine: @Sendable (_ path: String, _ line: String) throws -> Void = { path, _ in
        throw TestEnvironmentRefusal(capability: "journal (appendLine)", detail: path)
    }

    /// The run's files (plan, journal, backups) through the closures above.
    public var runStorage: RunStorage {
        RunStorage(makeDirectory: makeDirectory, write: writePrivateFile ?? writeFile, append: appendLine, read: readFile)
    }

    /// An environment that can print and nothing else: every other capability refuses until a test gives it.
    public init(console: any Console, variables: [String: String] = [:]) {
        self.console = console
        self.variables = variables
    }

    /// The real machine: the process's console and environment variables, the disk, the clock, sockets.
    public static var live: CLIEnvironment {
        var env = CLIEnvironment(console: StandardConsole(), variables: ProcessInfo.processInfo.environment)
        env.installedPresetDirectory = MeterPresetCatalog.installedDirectory
        env.writeFile = { path, contents in try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        env.readFile = { path in
            if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        env.modbusConnector = ModbusClient.connector
        env.discovery = LiveDiscoveryPort()
        env.writePrivateFile = RunStorage.writePrivately
        env.httpsLink = HTTPSLinks.live(console: env.console, variables: env.variables)
        env.controlSocketPath = ControlSocketPath.default(environment: env.variables)
        env.centralSystem = ServeReuse.centralSystem(socket: env.controlSocketPath)
        env.startCentralSystem = { try await CentralSystem.start($0, logger: $1) }
        env.stopRequests = { StopSignals.stream() }
        env.now = { Date() }
        env.interrupts = { InterruptSignal.stream() }
        env.readLine = { prompt in
            FileHandle.standardError.write(Data(prompt.utf8))
            return Swift.readLine(strippingNewline: true)
        }
        env.interfaces = { MDNSInterface.all() }
        let variables = env.variables
        env.wizardLineReader = { ReadlineLineReader(historyPath: ReadlineLineReader.defaultHistoryPath(variables)) }
        env.makeDirectory = RunStorage.makePrivateDirectory
        env.listDirectory = { try FileManager.default.contentsOfDirectory(atPath: $0) }
        env.appendLine = RunStorage.appendDurably
        return env
    }

    /// SPEC §1: colour only on a TTY and never with NO_COLOR set.
    public var useColour: Bool { console.isTerminal && variables["NO_COLOR"] == nil }
}

/// A capability the environment was not given (a test forgot to fake it): said plainly, never done for real.
public struct TestEnvironmentRefusal: Error, Sendable, CustomStringConvertible {
    public var capability: String
    public var detail: String?

    public init(capability: String, detail: String? = nil) {
        self.capability = capability
        self.detail = detail
    }

    public var description: String {
        "test environment: no \(capability) given" + (detail.map { " (asked for \($0))" } ?? "")
    }
}

/// The Modbus connector of an environment that was given none: every request fails as unreachable, saying why.
struct RefusingModbusConnection: ModbusConnection {
    let endpoint: ModbusEndpoint

    func send(_ request: ModbusRequest, unit: UInt8) async throws(ModbusClientError) -> ModbusResponse {
        throw .unreachable(endpoint: endpoint.description, reason: TestEnvironmentRefusal(capability: "Modbus connector (modbusConnector)").description)
    }

    var idleSeconds: Double { 0 }
    func close() {}
}
