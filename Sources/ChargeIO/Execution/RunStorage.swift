import Foundation
import OCPP16

/// Where a run keeps its files: the plan, the journal and the backups (SPEC §6). Injected so command tests record
/// files in memory; the journal's `append` must be durable before it returns (the next step relies on it).
/// On disk they are private (folders 0700, files 0600): a backup is a station's whole configuration.
public struct RunStorage: Sendable {
    public var makeDirectory: @Sendable (_ path: String) throws -> Void
    public var write: @Sendable (_ path: String, _ contents: String) throws -> Void
    public var append: @Sendable (_ path: String, _ line: String) throws -> Void
    public var read: @Sendable (_ path: String) throws -> String

    public init(makeDirectory: @escaping @Sendable (String) throws -> Void, write: @escaping @Sendable (String, String) throws -> Void,
                append: @escaping @Sendable (String, String) throws -> Void, read: @escaping @Sendable (String) throws -> String) {
        self.makeDirectory = makeDirectory
        self.write = write
        self.append = append
        self.read = read
    }

    /// The real file system, private to the user.
    public static let files = RunStorage(makeDirectory: makePrivateDirectory, write: writePrivately, append: appendDurably,
                                         read: { try String(contentsOfFile: $0, encoding: .utf8) })

    /// Creates the folder and its missing parents with mode 0700.
    @Sendable public static func makePrivateDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Writes a new file with mode 0600 next to its destination, then renames it over (atomic).
    @Sendable public static func writePrivately(_ path: String, _ contents: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Appends and fsyncs, so a crash right after leaves the line on disk; a new file is created 0600.
    @Sendable public static func appendDurably(_ path: String, _ line: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.synchronize()
    }
}

/// `$XDG_STATE_HOME/chargectl/…` (`~/.local/state` when unset or relative, XDG Base Directory spec).
public enum StatePaths {
    public static func stateRoot(_ variables: [String: String]) -> String? {
        if let state = variables["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/chargectl" }
        if let home = variables["HOME"], !home.isEmpty { return home + "/.local/state/chargectl" }
        return nil
    }

    public static func runDirectory(_ runID: String, variables: [String: String]) -> String? {
        stateRoot(variables).map { "\($0)/runs/\(ConfigurationBackup.fileName(runID))" }
    }

    /// `20250514T101500.250Z-apply`: sortable, unique enough for one installer's laptop.
    public static func runID(command: String, at date: Date) -> String {
        let time = OCPPTimestamp(date).text.filter { $0 != "-" && $0 != ":" }
        return "\(time)-\(command.replacingOccurrences(of: " ", with: "-"))"
    }
}
