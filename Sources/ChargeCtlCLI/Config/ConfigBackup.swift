import ArgumentParser
import ChargeIO

/// `chargectl config backup STATION [--backup-dir DIR]` (SPEC §1, §6): the full configuration as JSON, secrets
/// masked, under the user's state directory; prints the file's path.
struct ConfigBackup: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Save a station's full configuration as a JSON file and print its path.",
        discussion: """
            The file goes to $XDG_STATE_HOME/chargectl/backups/STATION/<UTC time>.json (~/.local/state when unset),
            or under --backup-dir. Secret values (AuthorizationKey, FeatureLicenseKey) are stored as ***.
            """)

    @Argument(help: "The station's OCPP identity, its name in --site FILE, or (--via https) its IPv4 address.")
    var station: String

    @Option(help: ArgumentHelp("Folder for backups instead of the state directory.", valueName: "dir"),
            completion: .directory)
    var backupDir: String?

    @OptionGroup var link: StationReadOptions

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            let now = env.now()
            guard let path = ConfigurationBackup.path(station: try link.resolve(station, in: env), at: now, backupDirectory: backupDir,
                                                      variables: env.variables) else {
                throw CommandFailure(status: .invalidInput, code: "backup.no-directory",
                                     message: "neither XDG_STATE_HOME nor HOME is set, so there is no default backup folder",
                                     hint: "name one with --backup-dir DIR")
            }
            let reading = try await link.read(station, names: nil, in: env)
            // The one backup format of both links (SPEC §6): `link` says whose names the keys are.
            let backup = ConfigurationBackup(station: reading.station, takenAt: now, firmware: reading.firmware, link: link.link.rawValue,
                                             configuration: reading.listing)
            do {
                try env.runStorage.makeDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
                try env.runStorage.write(path, try backup.json())
            } catch {
                throw CommandFailure(status: .invalidInput, code: "backup.unwritable", message: "cannot write the backup to \(path)",
                                     hint: "check that the folder is writable, or choose another with --backup-dir")
            }
            try ReportOutput.emit(ConfigBackupReport(station: reading.station, path: path, keys: backup.keys.count), in: env)
            return .success
        }
    }
}

/// `config backup`'s result: the path of the file written.
struct ConfigBackupReport: Report {
    var ok = true
    var station: String
    var path: String
    var keys: Int

    func text(colour: Bool) -> String { path + "\n" }
}
