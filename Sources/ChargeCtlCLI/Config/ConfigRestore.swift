import AllocationCore
import ArgumentParser
import ChargeIO
import Foundation
import SharedText
import StationModel

/// `chargectl config restore STATION FILE` (SPEC §1, §6): writes back a backup's values that differ from the
/// station's, skipping read-only keys and masked secrets (a backup never holds them in clear).
struct ConfigRestore: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Write a backup's values back to a station (only those that differ; secrets and read-only keys are skipped).")

    @Argument(help: "The station's OCPP identity, or its name in --site FILE.")
    var station: String

    @Argument(help: "A backup file written by `config backup` or by a run.", completion: .file(extensions: ["json"]))
    var file: String

    @Flag(help: "Restore a backup taken from another station (its identity differs from STATION).")
    var force = false

    @OptionGroup var options: RawWriteOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            let backup = try load(in: env)
            let (id, password) = try options.resolve(station, in: env)
            try BackupIdentity.check(backup: backup.station, station: id, file: file, force: force)
            if backup.station != id {
                env.warn(Finding(.warn, "config.restore-other-station", "\(file) is a backup of \(backup.station), restoring it to \(id) (--force)",
                                 hint: "check that this is the backup you meant for \(id)"))
            }
            return try await options.perform(RunPlan(command: "config-restore", stations: [.init(station: id, writes: Self.writes(backup))]),
                                             password: password, in: env)
        }
    }

    func load(in env: CLIEnvironment) throws -> ConfigurationBackup {
        let text: String
        do { text = try env.readFile(file) } catch {
            throw CommandFailure(status: .invalidInput, code: "file.unreadable", message: "\(file): cannot read the backup", hint: "check the path")
        }
        do {
            let backup = try JSONDecoder().decode(ConfigurationBackup.self, from: Data(text.utf8))
            guard backup.format == ConfigurationBackup.currentFormat else { throw CocoaError(.coderInvalidValue) }
            return backup
        } catch {
            throw CommandFailure(status: .invalidInput, code: "backup.invalid",
                                 message: "\(file): not a chargectl backup (format \(ConfigurationBackup.currentFormat))",
                                 hint: "give a file written by `chargectl config backup` or by a run's backup")
        }
    }

    /// Read-only keys cannot be written, unset keys have nothing to restore, masked secrets must not be written.
    static func writes(_ backup: ConfigurationBackup) -> [PlannedWrite] {
        backup.keys.compactMap { key in
            guard !key.readonly, let value = key.value, value != SecretMask.text else { return nil }
            let write = PlannedWrite(rawKey: key.key, value: value)
            return write.isSecret ? nil : write
        }
    }
}

/// SPEC §3 pre-flight: a backup restores the station it was taken from; another station's configuration (its SCN
/// socket id, its meter address) would be wrong there, so that takes `--force`.
enum BackupIdentity {
    static func check(backup: String, station: String, file: String, force: Bool) throws {
        guard backup != station, !force else { return }
        throw CommandFailure(status: .invalidInput, code: "backup.other-station",
                             message: "\(file) is a backup of \(backup), not of \(station): nothing was written",
                             hint: "restore it to \(backup), or add --force to write another station's configuration to \(station)")
    }
}
