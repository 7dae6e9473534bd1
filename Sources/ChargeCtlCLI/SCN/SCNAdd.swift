import AllocationCore
import ArgumentParser
import ChargeIO
import StationModel

/// `chargectl scn add --name N --station ID --site FILE`: the newcomer takes the next free socket id and every
/// member gets the new SCN-SocketCount (SPEC §3). The existing members come from the site file, or (`--member ID…`)
/// from their own configuration over OCPP.
struct SCNAdd: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a station to an existing SCN; updates SCN-SocketCount on every member.")

    @Option(help: "The SCN's name (must match the site's).") var name: String
    @Option(help: "The station to add (its OCPP identity).") var station: String
    @Option(help: "Its number of sockets, when the site file does not list it.") var sockets: Int?
    @Option(help: "The site file with the existing members.", completion: .file(extensions: ["yaml", "yml"])) var site: String?
    @Option(name: .customLong("member"), help: "Without --site: an existing member, read from its connection; repeat.")
    var members: [String] = []

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            guard let sitePath = site else { return try await addFromStations(in: env) }
            let site = try SiteFiles.site(path: sitePath)
            let report = SiteValidator.validate(site, link: options.link)
            guard report.isValid else { throw ConfigErrors(report.errors) }
            guard let scn = site.scn, scn.name == name else {
                throw CommandFailure(status: .invalidInput, code: "scn.name-mismatch",
                                     message: "the site's SCN is \(site.scn?.name ?? "missing"), not \(name)", hint: "check --name and --site")
            }
            let layout = SiteLayout(site)
            var members = site.scnMembers(layout: layout)
            let listed = members.firstIndex { $0.station == station }
            let count = sockets ?? listed.map { members[$0].socketCount } ?? 1
            guard (1...2).contains(count) else {
                throw CommandFailure(status: .invalidInput, code: "station.socket-count", message: "--sockets \(count): a station has 1 or 2", hint: "")
            }
            let mappings = listed.map { members[$0].mappings } ?? []
            if let listed { members.remove(at: listed) }
            guard members.reduce(count, { $0 + $1.socketCount }) <= 128 else {
                throw CommandFailure(status: .invalidInput, code: "scn.too-many-sockets", message: "the SCN would have more than 128 sockets",
                                     hint: "start a second SCN")
            }
            let recommended = mappings.isEmpty ? Self.recommended(for: members, count: count, phases: site.installation.phases) : mappings
            let added = SCNPlanner.add(station, socketCount: count, mappings: recommended, to: members, SCNParameters(
                name: scn.name, totalCurrent: site.installation.maxCurrent, socketSafeCurrent: scn.socketSafeCurrent,
                alternatingPeriod: scn.alternatingPeriod, totalSafeCurrent: scn.totalSafeCurrent))
            let plan = Plan(stations: added.plans)
            return try await options.perform(plan, command: "scn-add", site: self.site, passwords: try StationNames.passwords(of: site, in: env),
                                             live: live, in: env)
        }
    }

    /// The newcomer continues the recommended rotation after the existing 3-phase feeders.
    static func recommended(for members: [SCNMember], count: Int, phases: Int) -> [PhaseMapping] {
        guard phases == 3 else { return Array(repeating: .l1, count: count) }
        let step = members.filter { $0.mappings.first?.isThreePhase ?? false }.count
        return Array(repeating: PhaseMapping.rotation[step % 3], count: count)
    }
}
