import ChargeIO
import Foundation
import SharedText
import StationModel

extension AdoptShell {
    /// `adopt HOST --release`: the saved back office written back (only what differs), a reboot, and the station
    /// seen answering its HTTPS API again.
    static func release(_ request: AdoptRequest, link: any StationLink, station: String, firmware: String,
                        board: ProgressBoard, in env: CLIEnvironment) async throws -> Outcome {
        let (path, backup) = try releaseBackup(request, station: station, in: env)
        try BackupIdentity.check(backup: backup.station, station: station, file: path, force: false)
        let ids = BackOfficeURL.ids(firmware: firmware)
        board.receive("\(station): reading its back office (\(ids.joined(separator: ", ")))")
        let current = try await backOffice(ids, link: link, station: station, firmware: firmware)
        var report = AdoptReport(action: .release, station: station, host: request.label, firmware: firmware, previous: current,
                                 centralSystem: backup.previousURL, backup: path)
        let writes = backup.restoreWrites(firmware: firmware, current: current)
        guard !writes.isEmpty else {
            board.receive("\(station): already has the back office of \(path)")
            return Outcome(report: report, status: .success)
        }
        do {
            board.receive("\(station): writing back \(backup.previousURL.map(SecretMask.maskingPassword(inURL:)) ?? "an empty back-office URL")")
            try await write(writes, link: link, station: station)
            report.changed = true
            let rebooted: Bool
            do { rebooted = try await link.reboot(.soft) } catch { throw CommandFailure.link(error) }
            guard rebooted else {
                throw CommandFailure(status: .refused, code: "adopt.reboot-refused",
                                     message: "\(station) refused the reboot: it dials its restored back office only after its next one",
                                     hint: "reboot it by hand")
            }
            board.receive("\(station): rebooting, waiting up to \(Int(request.wait.components.seconds)) s for its HTTPS API")
            do { _ = try await link.waitForReboot(timeout: request.wait) } catch { throw CommandFailure.link(error) }
            report.booted = true
            board.receive("\(station): back, dialling its restored back office")
            return Outcome(report: report, status: .success)
        } catch {
            let failure = CommandFailure(error)
            guard report.changed else { throw failure }
            report.failure = failure
            return Outcome(report: report, status: failure.status)
        }
    }

    /// `--backup FILE` (read before the station was reached), else the station's newest adopt backup.
    static func releaseBackup(_ request: AdoptRequest, station: String, in env: CLIEnvironment) throws -> (String, AdoptBackup) {
        if let backup = request.backup, let file = request.backupFile { return (file, backup) }
        guard let latest = try AdoptBackupFiles.latest(station: station, backupDirectory: request.backupDirectory, in: env) else {
            let folder = (try? AdoptBackupFiles.path(station: station, backupDirectory: request.backupDirectory, in: env))
                .map { String($0[..<($0.lastIndex(of: "/") ?? $0.endIndex)]) } ?? "the backup folder"
            throw CommandFailure(status: .invalidInput, code: "adopt.no-backup",
                                 message: "\(station): no adopt backup in \(folder), so there is no back office to put back: nothing was written",
                                 hint: "give the file with --backup FILE (or the folder with --backup-dir DIR)")
        }
        return latest
    }
}
