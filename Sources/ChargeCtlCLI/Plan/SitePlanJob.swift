import ChargeIO
import StationModel

/// `plan` and `apply --dry-run`: load the site, resolve its licence keys, plan.
enum SitePlanJob {
    /// Plans and prints (`plan`, `apply --dry-run`).
    static func run(sitePath: String, options: ChangeOptions, in env: CLIEnvironment) async -> ExitStatus {
        await CommandRunner.run(in: env) {
            try ReportOutput.emit(try plan(sitePath: sitePath, options: options, in: env), in: env)
            return .success
        }
    }

    static func plan(sitePath: String, options: ChangeOptions, in env: CLIEnvironment) throws -> PlanReport {
        let site = try SiteFiles.site(path: sitePath)
        var keys: [String: LicenceKey] = [:]
        for (index, station) in site.stations.enumerated() {
            guard let reference = station.licenseKey else { continue }
            let field = "stations[\(index)].licenseKey"
            let text = try Secrets.resolve(reference, field: field, in: env)
            keys[station.id] = try UnlockPlanner.licenceKey(text, field: FieldPath.root + "stations" + index + "licenseKey")
        }
        let aliases = try options.aliases(in: env)
        let maps = try MeterRegisterMaps.resolve(site: site, link: options.link, in: env)
        let plan = try SitePlanner.plan(site, link: options.link, licenceKeys: keys, aliases: aliases, registerMaps: maps)
        // What `plan` shows is what `apply` can send: a change the wire cannot carry is refused here too.
        _ = try RunPlan.compile(plan, command: "plan", for: options.link, aliases: aliases)
        return PlanReport(plan: plan, link: options.link, aliases: aliases)
    }
}
