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
            let (writes, skipped) = Self.writes(backup, over: options.link)
            if !skipped.isEmpty {
                env.warn(Finding(.warn, "config.restore-not-carried",
                                 "\(file) was read over \(backup.linkKind.rawValue.uppercased()); \(skipped.count) of its keys have no counterpart over \(options.link.rawValue.uppercased()) and are not restored: "
                                    + skipped.prefix(12).joined(separator: ", ") + (skipped.count > 12 ? ", …" : ""),
                                 hint: "restore it with --via \(backup.linkKind.rawValue) to write every key"))
            }
            return try await options.perform(RunPlan(command: "config-restore", stations: [.init(station: id, writes: writes)]),
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
    /// A backup read over the other link is restored setting by setting through the catalog (SPEC §3: one backup
    /// format); `skipped` are the keys the catalog cannot carry across.
    static func writes(_ backup: ConfigurationBackup, over link: LinkKind = .ocpp) -> (writes: [PlannedWrite], skipped: [String]) {
        var writes: [PlannedWrite] = []
        var skipped: [String] = []
        for key in backup.keys {
            guard !key.readonly, let value = key.value, value != SecretMask.text else { continue }
            let raw = PlannedWrite(rawKey: key.key, value: value, link: backup.linkKind)
            guard !raw.isSecret else { continue }
            guard backup.linkKind != link else {
                writes.append(raw)
                continue
            }
            guard let change = BackupTranslation.change(key.key, value: value, from: backup.linkKind),
                  case .success(let translated) = WriteCompiler(link: link).compile(change, in: [change]) else {
                skipped.append(key.key)
                continue
            }
            writes += translated.filter { new in !writes.contains { $0.key.lowercased() == new.key.lowercased() } }
        }
        return (writes, skipped)
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

extension ConfigurationBackup {
    /// The link whose names the keys are: older backups are OCPP's.
    var linkKind: LinkKind { link.flatMap(LinkKind.init(rawValue:)) ?? .ocpp }
}

/// A backup's key and value as the catalog's setting, to be written over the other link.
enum BackupTranslation {
    static func change(_ key: String, value: String, from link: LinkKind) -> SettingChange? {
        switch link {
        case .ocpp:
            guard let setting = SettingsCatalog.all.first(where: { $0.ocppKey?.lowercased() == key.lowercased() }),
                  let parsed = setting.kind.ocppValue(value) else { return nil }
            return SettingChange(setting.id, parsed)
        case .https:
            if let setting = SettingsCatalog.setting(httpsProperty: key), let parsed = setting.kind.httpsValue(value) {
                return SettingChange(setting.id, parsed)
            }
            // A bit field (`2064_0`): the setting is its bit.
            for setting in SettingsCatalog.all {
                guard case .bit(let id, let mask) = setting.https, id.lowercased() == key.lowercased(),
                      let bits = Int(value) ?? Double(value).map({ Int($0) }) else { continue }
                return SettingChange(setting.id, .bool(bits & mask != 0))
            }
            return nil
        }
    }
}
