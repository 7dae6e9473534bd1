import AllocationCore
import ChargeIO
import Foundation
import SharedText
import StationModel

extension AdoptShell {
    /// Read the back office, start listening (a port that cannot be bound is found before the station is
    /// touched), save the backup, write the new URL, reboot, wait for the BootNotification.
    static func adopt(_ request: AdoptRequest, link: any StationLink, station: String, firmware: String,
                      board: ProgressBoard, in env: CLIEnvironment) async throws -> Outcome {
        let ids = BackOfficeURL.ids(firmware: firmware)
        board.receive("\(station): reading its back office (\(ids.joined(separator: ", ")))")
        let current = try await backOffice(ids, link: link, station: station, firmware: firmware)
        let directory = try await centralSystem(request, station: station, in: env)
        var report = AdoptReport(action: .adopt, station: station, host: request.label, firmware: firmware, previous: current)
        do {
            let url = try targetURL(request, listening: directory.listeningAddress, in: env)
            report.centralSystem = url
            let saved = try saveBackup(request, station: station, firmware: firmware, current: current, url: url,
                                       report: &report, board: board, in: env)
            report.backup = saved
            let writes = BackOfficeURL.wireValues(url, firmware: firmware).filter { current[$0.id] != $0.value }
                .map { PlannedWrite(setting: nil, key: $0.id, value: $0.value) }
            if !writes.isEmpty {
                board.receive("\(station): writing \(SecretMask.maskingPassword(inURL: url))")
                try await write(writes, link: link, station: station)
                report.changed = true
            }
            // A station already connected (to a running `serve`) counts only once it dials again.
            let before = try? await directory.waitForStation(station, timeout: .zero)
            let deadline = ContinuousClock.now + request.wait
            let rebooted: Bool
            do { rebooted = try await link.reboot(.soft) } catch { throw CommandFailure.link(error) }
            guard rebooted else {
                throw CommandFailure(status: .refused, code: "adopt.reboot-refused",
                                     message: "\(station) refused the reboot: it dials \(SecretMask.maskingPassword(inURL: url)) only after its next one",
                                     hint: "reboot it by hand (or `chargectl adopt \(request.label) --release` to undo)")
            }
            board.receive("\(station): rebooting, waiting up to \(Int(request.wait.components.seconds)) s for its BootNotification on \(directory.listeningAddress)")
            switch await bootNotification(station, directory: directory, replacing: before, timeout: request.wait, deadline: deadline) {
            case .success(let boot):
                report.booted = true
                board.receive("\(station): booted (\(boot.vendor) \(boot.model)" + (boot.firmwareVersion.map { ", firmware \($0)" } ?? "") + ")")
            case .failure(let error):
                throw CommandFailure(status: .communication, code: "adopt.no-boot",
                                     message: "\(station) was pointed at \(SecretMask.maskingPassword(inURL: url)) and rebooted, but: \(error.description)",
                                     hint: "check that this laptop's firewall lets the station in on \(directory.listeningAddress) and wait longer with --wait; "
                                         + "`chargectl adopt \(request.label) --release` puts the previous back office back")
            }
            await directory.shutdown()
            return Outcome(report: report, status: .success)
        } catch {
            await directory.shutdown()
            let failure = CommandFailure(error)
            // Before anything was written the plain failure says it all; after, the report says what changed.
            guard report.changed || report.backup != nil else { throw failure }
            report.failure = failure
            return Outcome(report: report, status: failure.status)
        }
    }

    /// The station dialling again (not the connection it had before the reboot) and its BootNotification.
    static func bootNotification(_ station: String, directory: any StationDirectory, replacing before: (any StationConnection)?,
                                 timeout: Swift.Duration, deadline: ContinuousClock.Instant) async -> Result<StationBootInfo, StationError> {
        do {
            let connection = try await directory.waitForStation(station, timeout: timeout, replacing: before)
            return .success(try await connection.waitForBoot(timeout: max(deadline - ContinuousClock.now, .seconds(1))))
        } catch {
            return .failure(error)
        }
    }

    /// `--central-system`, or this laptop's address on the station's subnet and the port the listener got.
    static func targetURL(_ request: AdoptRequest, listening: String, in env: CLIEnvironment) throws -> String {
        switch request.target {
        case .given(let url):
            if let port = listening.split(separator: ":").last.flatMap({ Int($0) }),
               let given = BackOfficeURL.split(url).base.split(separator: ":").last.flatMap({ Int($0) }), given != port {
                env.warn(Finding(.warn, "adopt.other-port", "the station is to dial port \(given) (--central-system) while this command listens on \(listening)",
                                 hint: "use the same port in --listen and --central-system unless something forwards it"))
            }
            return url
        case .listener(let host):
            let port = listening.split(separator: ":").last.flatMap { Int($0) } ?? request.listen.port
            return CentralSystemAddress.url(host: host, port: port)
        }
    }

    /// The central system the station is to dial, through `env.centralSystem` (a running `serve` when there is one).
    static func centralSystem(_ request: AdoptRequest, station: String, in env: CLIEnvironment) async throws -> any StationDirectory {
        try StationIdentity.check(station)
        let configuration = CentralSystemConfiguration(host: request.listen.host, port: request.listen.port, stations: [station],
                                                       acceptAny: request.acceptAny,
                                                       passwords: request.ocppPassword.map { [station: $0] } ?? [:])
        do {
            return try await env.centralSystem(configuration, ConsoleLogHandler.logger(console: env.console, verbose: request.verbose))
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(listen: error, in: env)
        }
    }

    /// SPEC §6: the back office is on disk before it is overwritten. A station still adopted by an earlier run
    /// (it dials what that run wrote) keeps that run's backup: a second one would save our own URL as the original.
    static func saveBackup(_ request: AdoptRequest, station: String, firmware: String, current: [String: String], url: String,
                           report: inout AdoptReport, board: ProgressBoard, in env: CLIEnvironment) throws -> String {
        if let earlier = try? AdoptBackupFiles.latest(station: station, backupDirectory: request.backupDirectory, in: env),
           let dialled = BackOfficeURL.url(from: current), dialled == earlier.backup.centralSystem {
            env.warn(Finding(.warn, "adopt.already-adopted",
                             "\(station) was adopted at \(earlier.backup.takenAt) and still dials \(SecretMask.maskingPassword(inURL: dialled)); "
                                 + "\(earlier.path) keeps its original back office",
                             hint: "--release writes that original back"))
            report.previous = earlier.backup.values
            return earlier.path
        }
        let path = try AdoptBackupFiles.path(station: station, backupDirectory: request.backupDirectory, in: env)
        let backup = AdoptBackup(station: station, host: request.label, firmware: firmware, takenAt: AdoptBackupFiles.timestamp(env),
                                 properties: current.keys.sorted().map { AdoptBackup.Property(id: $0, value: current[$0]) },
                                 centralSystem: url)
        try AdoptBackupFiles.save(backup, to: path, in: env)
        board.receive("\(station): back office saved to \(path)")
        return path
    }
}
