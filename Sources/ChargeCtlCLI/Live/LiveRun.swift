import AllocationCore
import ChargeIO
import Foundation
import StationModel

/// The live half every changing command shares: start (or borrow) the central system through
/// `env.centralSystem`, run the plan with `PlanExecutor`, print the SPEC §7 report, exit with the most severe code.
enum LiveRun {
    static func execute(_ plan: RunPlan, passwords: [String: String] = [:], options: LiveOptions, warnings: [Finding] = [],
                        in env: CLIEnvironment) async throws -> ExitStatus {
        try options.connect.checkRanges()
        var plan = plan
        if plan.link == .https {
            // Every address and password is settled (exit 2 when one is missing) before the question is asked.
            let links = try httpsLinks(for: &plan, options: options, in: env)
            try LiveConfirmation.confirm(plan, options: options, in: env)
            return try await execute(plan, on: links, options: options, warnings: warnings, in: env)
        }
        try LiveConfirmation.confirm(plan, options: options, in: env)
        plan.acceptAny = options.connect.acceptAny
        if let name = options.connect.ocppPasswordEnv, plan.stations.count == 1, let station = plan.stations.first?.station {
            plan.passwords[station] = .env(name)
        }
        let stored = plan
        return try await withDirectory(stations: plan.stations.map(\.station), passwords: passwords, options: options, in: env) { directory in
            try await execute(stored, on: .ocpp(directory), options: options, warnings: warnings, in: env)
        }
    }

    /// Runs `plan` over a directory the caller opened (and shuts down).
    static func execute(_ plan: RunPlan, on directory: any StationDirectory, options: LiveOptions, warnings: [Finding] = [],
                        in env: CLIEnvironment) async throws -> ExitStatus {
        try await execute(plan, on: .ocpp(directory), options: options, warnings: warnings, in: env)
    }

    static func execute(_ plan: RunPlan, on links: RunLinks, options: LiveOptions, warnings: [Finding],
                        in env: CLIEnvironment) async throws -> ExitStatus {
        let runID = StatePaths.runID(command: plan.command, at: env.now())
        let runDirectory = try runDirectory(runID, in: env)
        env.console.err("run \(runID): journal in \(runDirectory)\n")
        return try await observed(runID, stations: plan.stations.map(\.station), on: links, options: options, warnings: warnings, in: env) { executor in
            do { return try await executor.run(plan, runDirectory: runDirectory) } catch { throw unwritable(runDirectory, error) }
        }
    }

    /// A run's stations on the progress board, Ctrl-C turned into a partial report, and the report printed.
    static func observed(_ runID: String, stations: [String], on links: RunLinks, options: LiveOptions,
                         warnings: [Finding], in env: CLIEnvironment,
                         _ body: @escaping @Sendable (PlanExecutor) async throws -> [StationResult]) async throws -> ExitStatus {
        let started = env.now()
        let board = ProgressBoard(stations: stations, wait: options.connect.waitDuration, in: env)
        let executor = Self.executor(links, options: options, progress: board, in: env)
        let outcome = try await Interruptible.run(env.interrupts, board: board) { try await body(executor) }
        return try report(runID, outcome, links: links, warnings: warnings, started: started, in: env).emit(in: env)
    }

    static func unwritable(_ runDirectory: String, _ error: any Error) -> CommandFailure {
        if let failure = error as? CommandFailure { return failure }
        return CommandFailure(status: .invalidInput, code: "run.unwritable",
                              message: "cannot write the run's plan and journal under \(runDirectory): \(error)",
                              hint: "check that the state directory is writable (XDG_STATE_HOME)")
    }

    static func damaged(_ runDirectory: String, _ damage: RunJournal.DamageError) -> CommandFailure {
        CommandFailure(status: .invalidInput, code: "run.journal-damaged", message: "\(runDirectory)/journal.jsonl: \(damage)",
                       hint: "compare each station with its backup (`chargectl config get`, `chargectl config restore`) and run the command again")
    }

    static func report(_ runID: String, _ outcome: (results: [StationResult], interrupted: Bool), links: RunLinks,
                       warnings: [Finding], started: Date, in env: CLIEnvironment) -> LiveRunReport {
        let listening = links.address
        // Only a station that dials us needs this machine's addresses.
        let unreached = links.dialsIn && outcome.results.contains { $0.error?.stationError.map { if case .notConnected = $0.reason { true } else { false } } ?? false }
        return LiveRunReport(run: runID, results: outcome.results, listening: listening, warnings: warnings,
                             // A station stopped by the interrupt counts even when the signal's watcher had not
                             // run yet when the last station finished.
                             interrupted: outcome.interrupted
                                || outcome.results.contains { $0.error?.message.hasSuffix(StationResult.interruptedReason) == true },
                             seconds: env.now().timeIntervalSince(started),
                             reachableAt: unreached ? ReachableAddress.addresses(listening: listening, interfaces: env.interfaces) : [])
    }

    /// `apply --resume RUN`: the saved plan and its journal; nothing the journal shows as written is sent again.
    /// `fresh`: the same site planned again (its secrets and passwords), when SITE is given.
    static func resume(_ runID: String, fresh: (plan: RunPlan, passwords: [String: String])?, options: LiveOptions,
                       in env: CLIEnvironment) async throws -> ExitStatus {
        let runDirectory = try runDirectory(runID, in: env)
        var plan: RunPlan
        do { plan = try PlanExecutor.savedPlan(in: runDirectory, storage: env.runStorage) } catch {
            throw CommandFailure(status: .invalidInput, code: "run.unknown", message: "no run \(runID) under \(runDirectory)",
                                 hint: "the run id is printed when a run starts (\"run …: journal in …\"); ls the runs folder")
        }
        // The saved plan holds secrets as ***: take them from the site file when it is at hand.
        if let fresh { plan = plan.filledSecrets(from: fresh.plan) }
        let resumed = plan
        let wait = options.connect.waitDuration
        let body: @Sendable (PlanExecutor) async throws -> [StationResult] = { executor in
            // SPEC §8: a value a verify --live run left lowered goes back first.
            _ = await PendingRestoreStep.run(stations: resumed.stations.map(\.station), over: resumed.link, links: executor.links,
                                             wait: wait, in: env)
            do { return try await executor.resume(resumed, runDirectory: runDirectory) } catch let damage as RunJournal.DamageError {
                throw damaged(runDirectory, damage)
            }
        }
        if plan.link == .https {
            let links = try httpsLinks(for: &plan, options: options, in: env)
            env.console.err("resuming run \(runID) from \(runDirectory)/journal.jsonl\n")
            return try await observed(runID, stations: plan.stations.map(\.station), on: links, options: options, warnings: [], in: env, body)
        }
        // A resume authenticates its stations as the run did: from the site, else from the sources the run kept.
        let passwords = try fresh?.passwords ?? StoredPasswords.resolve(plan, in: env)
        var connect = options
        connect.connect.acceptAny = connect.connect.acceptAny || plan.acceptAny
        return try await withDirectory(stations: plan.stations.map(\.station), passwords: passwords, options: connect, in: env) { directory in
            env.console.err("resuming run \(runID) from \(runDirectory)/journal.jsonl\n")
            return try await observed(runID, stations: resumed.stations.map(\.station), on: .ocpp(directory), options: connect, warnings: [], in: env, body)
        }
    }

    /// Over the HTTPS link (SPEC §3): each station reached at its address; the plan keeps how (never the
    /// password), so a resume reaches it again. The links log out when their station's run ends, Ctrl-C included.
    static func httpsLinks(for plan: inout RunPlan, options: LiveOptions, in env: CLIEnvironment) throws -> RunLinks {
        let endpoints = try options.connect.https.endpoints(stations: plan.stations.map(\.station), site: plan.site,
                                                           stored: plan.https ?? [:], in: env)
        plan.https = endpoints.mapValues(\.access)
        var links: [String: any StationLink] = [:]
        for (id, reached) in endpoints { links[id] = try env.httpsLink(id, reached.endpoint, options.connect.verbose) }
        return .https(links)
    }

    static func runDirectory(_ runID: String, in env: CLIEnvironment) throws -> String {
        guard let directory = StatePaths.runDirectory(runID, variables: env.variables) else {
            throw CommandFailure(status: .invalidInput, code: "run.no-directory",
                                 message: "neither XDG_STATE_HOME nor HOME is set, so there is no folder for the run's journal",
                                 hint: "set XDG_STATE_HOME=/some/writable/folder")
        }
        return directory
    }

    /// Opens the station directory through `env.centralSystem`, runs `body`, and always hands the directory back
    /// (`shutdown`, which a shared directory such as the demo's ignores).
    static func withDirectory<T>(stations: [String], passwords: [String: String], options: LiveOptions, in env: CLIEnvironment,
                                 _ body: (any StationDirectory) async throws -> T) async throws -> T {
        try options.connect.checkRanges()
        let configuration = try options.configuration(stations: stations, passwords: passwords, in: env)
        let directory = try await options.directory(configuration, in: env)
        do {
            let result = try await body(directory)
            await directory.shutdown()
            return result
        } catch {
            await directory.shutdown()
            throw error
        }
    }

    static func executor(_ links: RunLinks, options: LiveOptions, progress board: ProgressBoard,
                         in env: CLIEnvironment) -> PlanExecutor {
        PlanExecutor(
            links: links.link, storage: env.runStorage,
            settings: .init(wait: options.connect.waitDuration, backupDirectory: options.backupDir, variables: env.variables, now: env.now),
            progress: { board.receive($0) })
    }
}

/// The OCPP passwords of a stored run, resolved from the sources it kept (never the passwords themselves).
enum StoredPasswords {
    static func resolve(_ plan: RunPlan, in env: CLIEnvironment) throws -> [String: String] {
        var passwords: [String: String] = [:]
        for (station, source) in plan.passwords {
            let field = "the stored run's password of \(station)"
            switch source {
            case .env(let name): passwords[station] = try Secrets.resolve(.env(name), field: field, in: env)
            case .file(let path): passwords[station] = try Secrets.resolve(.file(path), field: field, in: env)
            case .siteFile:
                guard let path = plan.site, let site = try? SiteFiles.site(path: path),
                      let index = site.stations.firstIndex(where: { $0.id == station }), let reference = site.stations[index].ocppPassword else {
                    throw CommandFailure(status: .invalidInput, code: "run.password-unavailable",
                                         message: "\(station): the run authenticated it with a password from \(plan.site ?? "its site file"), which cannot be read now",
                                         hint: "resume with the site file: chargectl apply --resume RUN SITE")
                }
                passwords[station] = try Secrets.resolve(reference, field: "stations[\(index)].ocppPassword", in: env)
            }
        }
        return passwords
    }
}

extension SecretSource {
    /// Where a site file's secret comes from, as a stored run may keep it.
    init(_ reference: SecretRef) {
        switch reference {
        case .env(let name): self = .env(name)
        case .file(let path): self = .file(path)
        case .literal: self = .siteFile
        }
    }
}

/// How a run reaches its stations (SPEC §3): they dial the OCPP central system, or the run reaches each one's
/// HTTPS API at its address.
enum RunLinks: Sendable {
    case ocpp(any StationDirectory)
    case https([String: any StationLink])

    /// Where stations reach us, or the stations' addresses, for messages.
    var address: String {
        switch self {
        case .ocpp(let directory): directory.listeningAddress
        case .https(let links): links.values.map(\.address).sorted().joined(separator: ", ")
        }
    }

    var dialsIn: Bool { if case .ocpp = self { true } else { false } }

    func link(_ station: String) -> any StationLink {
        switch self {
        case .ocpp(let directory): OCPPStationLink(station: station, directory: directory)
        case .https(let links): links[station] ?? UnreachableLink(station: station)
        }
    }
}

extension SecretSource {
    /// The site-file form of a source the run kept; nil for `siteFile`, which is read from the site file again.
    var reference: SecretRef? {
        switch self {
        case .env(let name): .env(name)
        case .file(let path): .file(path)
        case .siteFile: nil
        }
    }
}
