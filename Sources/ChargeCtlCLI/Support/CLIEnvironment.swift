import ChargeIO
import Foundation
import Logging

/// What a command may touch, injected so tests run commands in-process with a recording console and no
/// surprises (ARCHITECTURE.md, "Injected environment").
public struct CLIEnvironment: Sendable {
    public var console: any Console
    public var variables: [String: String]
    /// Writes a file the user asked for (`--svg`, backups); tests capture it.
    public var writeFile: @Sendable (_ path: String, _ contents: String) throws -> Void
    /// Reads a file the user named (secrets, aliases); `-` is standard input. Tests replace it.
    public var readFile: @Sendable (_ path: String) throws -> String = { path in
        if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
    /// Starts the OCPP central system stations connect to (SPEC §5); tests hand in a fake directory.
    public var centralSystem: @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory = {
        try await CentralSystem.start($0, logger: $1)
    }
    /// The wall clock, for backup file names.
    public var now: @Sendable () -> Date = { Date() }
    /// Creates a folder and its parents (backups); tests replace it.
    public var makeDirectory: @Sendable (_ path: String) throws -> Void = { path in
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public init(console: any Console, variables: [String: String],
                writeFile: @escaping @Sendable (String, String) throws -> Void) {
        self.console = console
        self.variables = variables
        self.writeFile = writeFile
    }

    public static var live: CLIEnvironment {
        CLIEnvironment(console: StandardConsole(), variables: ProcessInfo.processInfo.environment) { path, contents in
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// SPEC §1: colour only on a TTY and never with NO_COLOR set.
    public var useColour: Bool { console.isTerminal && variables["NO_COLOR"] == nil }
}
