import ChargeIO
import Foundation
import OCPP16
import StationModel

/// Where adopt backups live: beside the station's `config backup` files
/// (`$XDG_STATE_HOME/chargectl/backups/<station>/adopt-<UTC time>.json`, or under `--backup-dir`), private (0700
/// folders, 0600 files) like every backup (SPEC §6).
enum AdoptBackupFiles {
    /// The path a backup taken now is written to.
    static func path(station: String, backupDirectory: String?, in env: CLIEnvironment) throws -> String {
        guard let timed = ConfigurationBackup.path(station: station, at: env.now(), backupDirectory: backupDirectory, variables: env.variables),
              let slash = timed.lastIndex(of: "/") else {
            throw CommandFailure(status: .invalidInput, code: "backup.no-directory",
                                 message: "neither XDG_STATE_HOME nor HOME is set, so there is no default backup folder",
                                 hint: "name one with --backup-dir DIR")
        }
        return String(timed[...slash]) + AdoptBackup.fileName(String(timed[timed.index(after: slash)...]))
    }

    static func save(_ backup: AdoptBackup, to path: String, in env: CLIEnvironment) throws {
        do {
            try env.runStorage.makeDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            try env.runStorage.write(path, try json(backup))
        } catch {
            throw CommandFailure(status: .invalidInput, code: "backup.unwritable",
                                 message: "cannot write the adopt backup to \(path): nothing was written to the station",
                                 hint: "check that the folder is writable, or choose another with --backup-dir")
        }
    }

    /// The station's newest adopt backup and its path; nil when it has none.
    static func latest(station: String, backupDirectory: String?, in env: CLIEnvironment) throws -> (path: String, backup: AdoptBackup)? {
        let example = try path(station: station, backupDirectory: backupDirectory, in: env)
        let folder = String(example[..<(example.lastIndex(of: "/") ?? example.endIndex)])
        guard let names = try? env.listDirectory(folder), let newest = AdoptBackup.latest(names) else { return nil }
        let file = folder + "/" + newest
        return (file, try load(file, in: env))
    }

    static func load(_ file: String, in env: CLIEnvironment) throws -> AdoptBackup {
        let text: String
        do { text = try env.readFile(file) } catch {
            throw CommandFailure(status: .invalidInput, code: "file.unreadable", message: "\(file): cannot read the adopt backup", hint: "check the path")
        }
        do {
            let backup = try JSONDecoder().decode(AdoptBackup.self, from: Data(text.utf8))
            guard backup.format == AdoptBackup.currentFormat else { throw CocoaError(.coderInvalidValue) }
            return backup
        } catch {
            throw CommandFailure(status: .invalidInput, code: "backup.invalid",
                                 message: "\(file): not an adopt backup (format \(AdoptBackup.currentFormat))",
                                 hint: "give a file written by `chargectl adopt` (a `config backup` file is restored with `config restore`)")
        }
    }

    static func json(_ backup: AdoptBackup) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(backup), as: UTF8.self) + "\n"
    }

    static func timestamp(_ env: CLIEnvironment) -> String { OCPPTimestamp(env.now()).text }
}
