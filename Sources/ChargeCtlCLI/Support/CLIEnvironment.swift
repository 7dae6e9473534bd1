import ChargeIO
import Foundation

/// What a command may touch, injected so tests run commands in-process with a recording console and no
/// surprises (ARCHITECTURE.md, "Injected environment").
public struct CLIEnvironment: Sendable {
    public var console: any Console
    public var variables: [String: String]
    /// Writes a file the user asked for (`--svg`, backups); tests capture it.
    public var writeFile: @Sendable (_ path: String, _ contents: String) throws -> Void
    /// mDNS and the TCP scan (`discover`, `advertise`); refused unless a test or `live` provides it.
    public var discovery: any DiscoveryPort

    public init(console: any Console, variables: [String: String],
                writeFile: @escaping @Sendable (String, String) throws -> Void,
                discovery: any DiscoveryPort = RefusingDiscoveryPort()) {
        self.console = console
        self.variables = variables
        self.writeFile = writeFile
        self.discovery = discovery
    }

    public static var live: CLIEnvironment {
        CLIEnvironment(console: StandardConsole(), variables: ProcessInfo.processInfo.environment,
                       writeFile: { path, contents in try contents.write(toFile: path, atomically: true, encoding: .utf8) },
                       discovery: LiveDiscoveryPort())
    }

    /// SPEC §1: colour only on a TTY and never with NO_COLOR set.
    public var useColour: Bool { console.isTerminal && variables["NO_COLOR"] == nil }
}
