import ArgumentParser
import AllocationCore
import ChargeIO
import StationModel

/// `chargectl apply SITE`: unlock + ALB + SCN from a site file, every station in parallel, backup first, verify
/// after (SPEC §1, §6); `apply --resume RUN` finishes an interrupted run from its journal.
struct ApplyCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Commission every station of a site file: unlock, ALB, SCN (use --dry-run to print the plan).",
        discussion: """
            Stations connect to ws://HOST:PORT/ocpp/<id>. Each is backed up before its first write; a station that \
            refuses a key gets this run's earlier changes restored (in an SCN every member's SCN settings). The run's \
            journal is kept under $XDG_STATE_HOME/chargectl/runs/RUN; `apply --resume RUN [SITE]` finishes it.
            """)

    @Argument(help: "The site file (YAML); with --resume only needed for a licence key still to be written.",
              completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @Option(help: ArgumentHelp("Finish the interrupted run RUN (its id is printed when it starts).", valueName: "run"))
    var resume: String?

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        if let resume { return await resumeRun(resume, in: env) }
        guard let site else {
            ReportOutput.emit(CommandFailure(status: .invalidInput, code: "apply.site-missing", message: "apply needs a site file",
                                             hint: "chargectl apply SITE.yaml, or chargectl apply --resume RUN"), in: env)
            return .invalidInput
        }
        return await Self.apply(sitePath: site, options: options, live: live, in: env)
    }

    /// `apply SITE` itself, for the commands that end with it (the wizard).
    static func apply(sitePath site: String, options: ChangeOptions, live: LiveOptions, in env: CLIEnvironment) async -> ExitStatus {
        if options.dryRun { return await SitePlanJob.run(sitePath: site, options: options, in: env) }
        return await CommandRunner.run(in: env) {
            let (plan, passwords) = try livePlan(site, options: options, in: env)
            plan.warnings.forEach(env.warn)
            return try await LiveRun.execute(plan.execution, passwords: passwords, options: live, warnings: plan.warnings, in: env)
        }
    }

    func resumeRun(_ runID: String, in env: CLIEnvironment) async -> ExitStatus {
        await CommandRunner.run(in: env) {
            let fresh = try site.map { try Self.livePlan($0, options: options, in: env) }
            return try await LiveRun.resume(runID, fresh: fresh.map { ($0.plan.execution, $0.passwords) }, options: live,
                                            in: env)
        }
    }

    /// The site's plan compiled for the link, and its stations' OCPP passwords (their sources kept in the plan).
    static func livePlan(_ path: String, options: ChangeOptions, in env: CLIEnvironment) throws -> (plan: (execution: RunPlan, warnings: [Finding]), passwords: [String: String]) {
        let report = try SitePlanJob.plan(sitePath: path, options: options, in: env)
        let site = try SiteFiles.site(path: path)
        var execution = try RunPlan.compile(report.plan, command: "apply", for: options.link, aliases: report.aliases)
        execution.site = path
        execution.passwords = StationNames.passwordSources(of: site)
        for index in execution.stations.indices {
            let station = execution.stations[index].station
            execution.stations[index].unlock?.expect = site.requiredFeatures(of: station)
        }
        return ((execution, report.plan.warnings), try StationNames.passwords(of: site, in: env))
    }
}
