import ChargeIO
import Foundation
import SharedText
import StationModel

/// The shell of `adopt` (SPEC §3): reads and writes go through the HTTPS `StationLink`, the BootNotification
/// through the central system of `env.centralSystem`; what to read, save and write is decided by the pure
/// `BackOfficeURL`, `CentralSystemAddress` and `AdoptBackup`. Nothing is written before the backup is on disk,
/// and the HTTPS session is always logged out.
enum AdoptShell {
    struct Outcome: Sendable {
        var report: AdoptReport
        var status: ExitStatus
    }

    static func run(_ request: AdoptRequest, in env: CLIEnvironment) async throws -> Outcome {
        let link = try env.httpsLink(request.label, request.endpoint, request.verbose)
        env.console.err("\(request.label): logging in to its HTTPS API …\n")
        let presence: StationPresence
        do { presence = try await link.waitForStation(timeout: request.wait) } catch {
            await link.close()
            throw CommandFailure.link(error)
        }
        do {
            let station = try await identity(presence, link: link, label: request.label)
            guard let firmware = presence.firmware else {
                throw CommandFailure(status: .communication, code: "adopt.firmware-unknown",
                                     message: "\(station): /api/info does not say the firmware, which decides where the back-office URL is",
                                     hint: "run again with -v and report the exchange")
            }
            let board = ProgressBoard(stations: [station], wait: request.wait, in: env)
            let (outcome, interrupted) = try await Interruptible.run(env.interrupts, board: board) {
                request.release
                    ? try await release(request, link: link, station: station, firmware: firmware, board: board, in: env)
                    : try await adopt(request, link: link, station: station, firmware: firmware, board: board, in: env)
            }
            await link.close()
            guard interrupted else { return outcome }
            // The interruption is the cause: a wait it cut short says "did not connect within 60 s" after 3.
            var report = outcome.report
            let back = request.release ? "the back office it had is in the backup, which is kept"
                : "`chargectl adopt \(request.label) --release` puts the previous back office back"
            report.failure = CommandFailure(status: .interrupted, code: "run.interrupted",
                                            message: "interrupted" + (report.changed ? " after the back-office URL was written and the station rebooted" : " before anything was written"),
                                            hint: report.changed ? back : "run the command again")
            return Outcome(report: report, status: .interrupted)
        } catch {
            await link.close()
            throw error
        }
    }

    /// What `/api/info` said, else the identity property (`2053_0`, reference §4.3).
    static func identity(_ presence: StationPresence, link: any StationLink, label: String) async throws -> String {
        if let identity = presence.identity, !identity.isEmpty { return identity }
        let listing: ConfigurationListing
        do { listing = try await link.read(keys: ["2053_0"]) } catch { throw CommandFailure.link(error) }
        guard let identity = listing["2053_0"]?.value, !identity.isEmpty else {
            throw CommandFailure(status: .communication, code: "adopt.identity-unknown",
                                 message: "\(label): the station says neither in /api/info nor in 2053_0 which identity it dials with",
                                 hint: "run again with -v and report the exchange")
        }
        return identity
    }

    /// The back-office properties by id; a station that lacks one is not one this command knows how to adopt.
    static func backOffice(_ ids: [String], link: any StationLink, station: String, firmware: String) async throws -> [String: String] {
        let listing: ConfigurationListing
        do { listing = try await link.read(keys: ids) } catch { throw CommandFailure.link(error) }
        if !listing.unknown.isEmpty {
            throw CommandFailure(status: .communication, code: "adopt.property-missing",
                                 message: "\(station) (firmware \(firmware)) has no property \(listing.unknown.joined(separator: ", ")) for its back-office URL",
                                 hint: "set the back office with the vendor's installer app, or report the firmware and its /api/prop listing")
        }
        return Dictionary(ids.map { ($0, listing[$0]?.value ?? "") }) { first, _ in first }
    }

    /// Writes, and names the first property the station did not keep (exit 4).
    static func write(_ writes: [PlannedWrite], link: any StationLink, station: String) async throws {
        let statuses: [WriteStatus]
        do { statuses = try await link.write(writes) } catch { throw CommandFailure.link(error) }
        if let (write, status) = zip(writes, statuses).first(where: { !$0.1.isSuccess }) {
            throw CommandFailure(status: .refused, code: "adopt.refused",
                                 message: "\(station) did not keep \(write.key) = \(SecretMask.maskingPassword(inURL: write.value)) (\(status.rawValue))",
                                 hint: "check the URL; the station's own installer app shows what it accepts")
        }
    }
}

extension CommandFailure {
    /// A link failure (HTTPS: refused, another session, wrong password, …) with its own code, hint and exit code.
    static func link(_ error: any Error) -> CommandFailure {
        guard let error = error as? StationError else { return CommandFailure(error) }
        return CommandFailure(station: error, listening: "", reachableAt: [])
    }
}
