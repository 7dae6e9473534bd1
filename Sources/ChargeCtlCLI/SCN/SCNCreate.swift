import AllocationCore
import ArgumentParser
import ChargeIO
import StationModel

/// `chargectl scn create --name N --station ID…` or `--site FILE`: an SCN over the named stations (SPEC §1, §3).
struct SCNCreate: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Build a Smart Charging Network: socket ids, socket count, phase rotation.",
        discussion: "Stations are listed in SCN order; write ID:2 for a two-socket station. With --site the site file says it all.")

    @Option(help: "SCN name: A-Z and 0-9, 1 to 7 characters.") var name: String?
    @Option(name: .customLong("station"), help: "A member, in order (ID or ID:2 for two sockets); repeat.") var stations: [String] = []
    @Option(help: "SCN-TotalStaticCurrent (A per phase).") var totalCurrent: Double?
    @Option(help: "SCN-SocketSafeCurrent (A).") var socketSafeCurrent: Double = 6
    @Option(help: "SCN-AlternatingPeriod (s, 60 to 36000; below 900 a warning).") var alternatingPeriod: Double = 900
    @Option(help: "SCN-TotalSafeCurrent (A per phase): on the safe current, sockets are served by socket id, no alternation.")
    var totalSafeCurrent: Double?
    @Option(help: "Phases at the point of interconnection (1 or 3), for the recommended rotation.") var phases: Int = 3
    @Option(help: "Take everything from this site file.", completion: .file(extensions: ["yaml", "yml"])) var site: String?
    @Flag(help: "Take members of another SCN out of it even when not all of its members are in this run.") var leave = false

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            try refuseFlagsBesideSite()
            let site = try self.site.map { try SiteFiles.site(path: $0) } ?? siteFromFlags()
            guard let scn = site.scn else {
                throw CommandFailure(status: .invalidInput, code: "site.scn-required", message: "the site file has no scn block",
                                     hint: "add scn: { name: …, socketSafeCurrent: 6, alternatingPeriod: 900 }")
            }
            let report = SiteValidator.validate(site, link: options.link)
            guard report.isValid else { throw ConfigErrors(report.errors) }
            let plans = SCNPlanner.create(site.scnMembers(), SCNParameters(
                name: scn.name, totalCurrent: site.installation.maxCurrent,
                socketSafeCurrent: scn.socketSafeCurrent, alternatingPeriod: scn.alternatingPeriod, totalSafeCurrent: scn.totalSafeCurrent))
            let plan = Plan(stations: plans, warnings: report.warnings)
            return try await options.perform(plan, command: "scn-create", site: self.site, allowLeaving: leave, passwords: try StationNames.passwords(of: site, in: env),
                                             live: live, in: env)
        }
    }

    /// SPEC §3: with `--site` the members come from the file; `--name` or `--station` beside it is exit 2, not ignored.
    func refuseFlagsBesideSite() throws {
        guard let site else { return }
        let given = (name != nil ? ["--name"] : []) + (stations.isEmpty ? [] : ["--station"])
        guard let flag = given.first else { return }
        throw CommandFailure(status: .invalidInput, code: "scn.site-with-members",
                             message: "\(given.joined(separator: " and ")) cannot be given with --site \(site): the site file names the SCN and its members",
                             hint: "leave \(flag) out to take the SCN from the file, or leave --site out to name it on the command line")
    }

    /// The flags as a site, so the same validation (and codes) apply as to a site file.
    func siteFromFlags() throws -> Site {
        guard let name, let totalCurrent, !stations.isEmpty else {
            throw CommandFailure(status: .invalidInput, code: "scn.arguments",
                                 message: "scn create needs --name, --total-current and at least one --station (or --site FILE)",
                                 hint: "for example: scn create --name PLAZA1 --total-current 40 --station ACE0001 --station ACE0002:2")
        }
        // The flags' numbers by the shared rules, named as the user typed them, before anything is built from them.
        let numbers = Validator.current(totalCurrent, .installationMax, .installationMaxCurrent, .flags)
            + Validator.current(socketSafeCurrent, .safe, .scnSocketSafeCurrent, .flags)
            + Validator.alternatingPeriod(alternatingPeriod, .flags)
        guard numbers.isEmpty else { throw ConfigErrors(numbers) }
        let entries = try stations.map { text -> StationEntry in
            let parts = text.split(separator: ":")
            let sockets = parts.count == 2 ? Int(parts[1]) : 1
            guard let sockets, (1...2).contains(sockets), parts.count <= 2 else {
                throw CommandFailure(status: .invalidInput, code: "station.socket-count",
                                     message: "--station \(text): expected ID or ID:2", hint: "a station has 1 or 2 sockets")
            }
            return StationEntry(id: String(parts[0]), maxCurrent: 32, sockets: Array(repeating: SocketEntry(maxCurrent: 32), count: sockets))
        }
        return Site(name: name, installation: Installation(phases: phases, maxCurrent: totalCurrent),
                    scn: SCNSettings(name: name, socketSafeCurrent: socketSafeCurrent, alternatingPeriod: alternatingPeriod,
                                     totalSafeCurrent: totalSafeCurrent),
                    stations: entries)
    }
}

/// `scn` command group.
struct SCNCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scn", abstract: "Smart Charging Network.",
                                                    subcommands: [SCNCreate.self, SCNAdd.self])
}
