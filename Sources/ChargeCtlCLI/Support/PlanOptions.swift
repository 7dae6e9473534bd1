import AllocationCore
import ArgumentParser
import ChargeIO
import StationModel

/// Options every station-changing command shares: the link, `--dry-run`, key aliases, `--json` (`output`).
struct ChangeOptions: ParsableArguments {
    @Option(help: "Station link: ocpp or https (SPEC §3).")
    var via: StationLinkOption = .ocpp

    @Flag(help: "Print the plan in plan's shape and touch nothing.")
    var dryRun = false

    @Option(help: "A YAML file renaming OCPP keys, HTTPS ids and value spellings, optionally per firmware (default ~/.config/chargectl/key-aliases.yaml when present).",
            completion: .file(extensions: ["yaml", "yml"]))
    var keyAliases: String?

    @OptionGroup var output: OutputOptions

    var link: LinkKind { via.link }

    /// The step every changing command ends with: the plan is compiled for the link first (a value the wire cannot
    /// carry is exit 2 in `--dry-run` and live alike); `--dry-run` prints it in `plan`'s shape; otherwise it runs
    /// live over the chosen link, `liveWarnings` shown on stderr first. `site`: the site file the stations came from, whose
    /// password references a resume may read again.
    func perform(_ plan: Plan, command: String, expect: [String] = [], liveWarnings: [Finding] = [], site: String? = nil,
                 allowLeaving: Bool = false, passwords: [String: String], live: LiveOptions, in env: CLIEnvironment) async throws -> ExitStatus {
        try live.connect.checkRanges()
        let aliases = try aliases(in: env)
        var run = try RunPlan.compile(plan, command: command, for: link, aliases: aliases, expect: expect)
        run.allowLeaving = allowLeaving
        guard !dryRun else {
            try ReportOutput.emit(PlanReport(plan: plan, link: link, aliases: aliases), in: env)
            return .success
        }
        // The plan's warnings and the live run's own, once each: on stderr now, in the document at the end.
        let warnings = (plan.warnings + liveWarnings).reduce(into: [Finding]()) { all, finding in
            if !all.contains(finding) { all.append(finding) }
        }
        warnings.forEach(env.warn)
        if let site {
            run.site = site
            run.passwords = try StationNames.passwordSources(of: SiteFiles.site(path: site))
        }
        return try await LiveRun.execute(run, passwords: passwords, options: live, warnings: warnings, in: env)
    }

    func aliases(in env: CLIEnvironment) throws -> KeyAliases { try Self.aliases(file: keyAliases, in: env) }

    /// `--key-aliases FILE`, else `~/.config/chargectl/key-aliases.yaml` when present, else none.
    static func aliases(file keyAliases: String?, in env: CLIEnvironment) throws -> KeyAliases {
        let home = env.variables["HOME"].map { "\($0)/.config/chargectl/key-aliases.yaml" }
        guard let path = keyAliases ?? home.flatMap({ path in (try? env.readFile(path)) != nil ? path : nil }) else { return .none }
        let text: String
        do { text = try env.readFile(path) } catch {
            throw CommandFailure(status: .invalidInput, code: "file.unreadable", message: "\(path): cannot read the key-alias file",
                                 hint: "check the path")
        }
        return try KeyAliases(document: try YAMLDocument.parse(text, file: path), file: path)
    }
}

enum StationLinkOption: String, ExpressibleByArgument, CaseIterable {
    case ocpp, https
    var link: LinkKind { self == .ocpp ? .ocpp : .https }
}
