import ArgumentParser
import ChargeIO
import Logging
import StationModel

/// What a command that changes stations live needs besides its plan: how stations reach it (the OCPP central
/// system, SPEC §1 shared options) and where the backups go.
struct LiveOptions: ParsableArguments {
    @OptionGroup var connect: StationConnectOptions

    @Option(help: ArgumentHelp("Folder for the backups taken before the first write, instead of the state directory.",
                               valueName: "dir"), completion: .directory)
    var backupDir: String?

    @Flag(help: "Do not ask \"Apply N changes to M stations? [y/N]\" (asked only on a terminal, never with --json).")
    var yes = false

    /// The central system for `stations`; `passwords` by station id (a site file's `ocppPassword`s), plus
    /// `--ocpp-password-env` for a single station.
    func configuration(stations: [String], passwords: [String: String], in env: CLIEnvironment) throws -> CentralSystemConfiguration {
        for station in stations { try StationIdentity.check(station) }
        var all = passwords
        if let name = connect.ocppPasswordEnv, stations.count == 1, let station = stations.first {
            all[station] = try Secrets.resolve(.env(name), field: "--ocpp-password-env", in: env)
        }
        return CentralSystemConfiguration(host: connect.listen.host, port: connect.listen.port, stations: Set(stations),
                                          acceptAny: connect.acceptAny, passwords: all)
    }

    /// The station directory, only ever through `env.centralSystem` (the demo injects a shared one there).
    func directory(_ configuration: CentralSystemConfiguration, in env: CLIEnvironment) async throws -> any StationDirectory {
        do {
            return try await env.centralSystem(configuration, ConsoleLogHandler.logger(console: env.console, verbose: connect.verbose))
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(listen: error, in: env)
        }
    }
}

/// SPEC §1: STATION is the station's OCPP identity, or its `name` when `--site FILE` is given.
enum StationNames {
    static func resolve(_ station: String, site path: String?, in env: CLIEnvironment) throws -> (id: String, password: String?) {
        guard let path else {
            try StationIdentity.check(station)
            return (station, nil)
        }
        let site = try SiteFiles.site(path: path)
        guard let index = site.stations.firstIndex(where: { $0.name == station }) ?? site.stations.firstIndex(where: { $0.id == station }) else {
            throw CommandFailure(status: .invalidInput, code: "station.unknown",
                                 message: "\(station): no station of \(path) has this name or id",
                                 hint: "use one of: " + site.stations.map { $0.name ?? $0.id }.joined(separator: ", "))
        }
        let entry = site.stations[index]
        let password = try entry.ocppPassword.map { try Secrets.resolve($0, field: "stations[\(index)].ocppPassword", in: env) }
        return (entry.id, password)
    }

    /// Where every station's OCPP password of a site file comes from, by id: what a stored run keeps.
    static func passwordSources(of site: Site) -> [String: SecretSource] {
        Dictionary(site.stations.compactMap { entry in entry.ocppPassword.map { (entry.id, SecretSource($0)) } }) { first, _ in first }
    }

    /// Every station's OCPP password of a site file, by id.
    static func passwords(of site: Site, in env: CLIEnvironment) throws -> [String: String] {
        var passwords: [String: String] = [:]
        for (index, entry) in site.stations.enumerated() {
            if let reference = entry.ocppPassword {
                passwords[entry.id] = try Secrets.resolve(reference, field: "stations[\(index)].ocppPassword", in: env)
            }
        }
        return passwords
    }
}
