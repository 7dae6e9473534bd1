import AllocationCore
import ChargeIO
import StationModel

/// `scn add --member ID…` without a site file: the members' SCN settings are read from their connections (SPEC §3),
/// then the same plan runs over the same central system.
extension SCNAdd {
    func addFromStations(in env: CLIEnvironment) async throws -> ExitStatus {
        guard !members.isEmpty else {
            throw CommandFailure(status: .invalidInput, code: "scn.members-unknown",
                                 message: "scn add needs the existing members: give --site FILE, or --member ID for each member",
                                 hint: "for example: scn add --name PLAZA1 --station NEW1 --member ACE1 --member ACE2")
        }
        let count = sockets ?? 1
        guard (1...2).contains(count) else {
            throw CommandFailure(status: .invalidInput, code: "station.socket-count", message: "--sockets \(count): a station has 1 or 2", hint: "")
        }
        let aliases = try options.aliases(in: env)
        if !options.dryRun, options.via == .https {
            // The members' SCN block is read by OCPP key here; over HTTPS the site file names them.
            throw CommandFailure(status: .invalidInput, code: "scn.members-need-site",
                                 message: "scn add --member over --via https is not available: the members are read over OCPP",
                                 hint: "give the site file with --site FILE (its members and hosts), or use --via ocpp")
        }
        return try await LiveRun.withDirectory(stations: members + [station], passwords: [:], options: live, in: env) { directory in
            let read = try await readMembers(directory, aliases: aliases, in: env)
            let existing = try read.map { try SCNMembersFromStations.member($0.station, $0.configuration, aliases: aliases) }
            let parameters = try SCNMembersFromStations.parameters(name: name, from: read[0].station, read[0].configuration, aliases: aliases)
            guard existing.reduce(count, { $0 + $1.socketCount }) <= 128 else {
                throw CommandFailure(status: .invalidInput, code: "scn.too-many-sockets", message: "the SCN would have more than 128 sockets",
                                     hint: "start a second SCN")
            }
            let threePhase = existing.contains { $0.mappings.contains(where: \.isThreePhase) }
            let added = SCNPlanner.add(station, socketCount: count,
                                       mappings: Self.recommended(for: existing, count: count, phases: threePhase ? 3 : 1), to: existing, parameters)
            let plan = Plan(stations: added.plans)
            guard !options.dryRun else {
                try ReportOutput.emit(PlanReport(plan: plan, link: options.link, aliases: aliases), in: env)
                return .success
            }
            let run = try RunPlan.compile(plan, command: "scn-add", for: options.link, aliases: aliases)
            try LiveConfirmation.confirm(run, options: live, in: env)
            return try await LiveRun.execute(run, on: directory, options: live, warnings: plan.warnings, in: env)
        }
    }

    /// Every member's SCN keys, read in parallel; a member that does not connect or answer is exit 3.
    private func readMembers(_ directory: any StationDirectory, aliases: KeyAliases,
                             in env: CLIEnvironment) async throws -> [(station: String, configuration: StationConfiguration)] {
        let keys = SCNMembersFromStations.keys(aliases: aliases)
        let wait = live.connect.waitDuration
        for member in members {
            env.console.err("waiting for \(member) to connect on \(directory.listeningAddress) (up to \(Int(live.connect.wait.rounded(.up))) s) "
                            + "to read its SCN settings …\n")
        }
        do {
            return try await withThrowingTaskGroup(of: (Int, StationConfiguration).self) { group in
                for (index, member) in members.enumerated() {
                    group.addTask {
                        let connection = try await directory.waitForStation(member, timeout: wait)
                        let read = try await connection.getConfiguration(keys: keys)
                        return (index, StationConfiguration(Dictionary(read.keys.map { ($0.key, $0.value ?? "") }) { first, _ in first }))
                    }
                }
                var found: [(Int, StationConfiguration)] = []
                for try await result in group { found.append(result) }
                return found.sorted { $0.0 < $1.0 }.map { (members[$0.0], $0.1) }
            }
        } catch let error as StationError {
            throw CommandFailure(station: error, listening: directory.listeningAddress,
                                 reachableAt: ReachableAddress.addresses(listening: directory.listeningAddress, interfaces: env.interfaces))
        }
    }
}
