import ArgumentParser
import ChargeHTTPS
import ChargeIO
import StationModel

/// What `config set` and `config restore` share: a station named by id or by its name in a site file, and the
/// choice between printing the raw writes (`--dry-run`) and running them live with backup, journal and rollback.
struct RawWriteOptions: ParsableArguments {
    @Option(help: "Station link: ocpp or https (SPEC §3).")
    var via: StationLinkOption = .ocpp

    @Option(help: "A site file in which STATION may be a station's name.", completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @Flag(help: "Print what would be written and touch nothing.")
    var dryRun = false

    @OptionGroup var output: OutputOptions

    @OptionGroup var live: LiveOptions

    /// The station's id and OCPP password (from the site file) for `station` as typed.
    func resolve(_ station: String, in env: CLIEnvironment) throws -> (id: String, password: String?) {
        // SPEC §1: over HTTPS STATION may be the station's IPv4 address.
        if via == .https, site == nil, HTTPSOptions.isIPv4(HTTPSEndpoint.split(station).host) { return (station, nil) }
        return try StationNames.resolve(station, site: site, in: env)
    }

    var link: LinkKind { via.link }

    /// Prints the plan with `--dry-run`, else runs it live; the exit status of the run.
    func perform(_ plan: RunPlan, password: String?, in env: CLIEnvironment) async throws -> ExitStatus {
        var plan = plan
        plan.link = link
        if dryRun {
            try ReportOutput.emit(RawPlanReport(plan: plan), in: env)
            return .success
        }
        if let site {
            plan.site = site
            plan.passwords = StationNames.passwordSources(of: try SiteFiles.site(path: site))
        }
        let passwords = password.map { password in Dictionary(uniqueKeysWithValues: plan.stations.map { ($0.station, password) }) } ?? [:]
        return try await LiveRun.execute(plan, passwords: passwords, options: live, in: env)
    }
}
