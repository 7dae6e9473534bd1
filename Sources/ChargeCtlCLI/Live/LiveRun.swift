import ChargeIO
import StationModel

/// The live half every changing command shares: start (or borrow) the central system through
/// `env.centralSystem`, run the plan with `PlanExecutor`, print the SPEC §7 report, exit with the most severe code.
enum LiveRun {
    static func execute(_ plan: ExecutionPlan, passwords: [String: String] = [:], options: LiveOptions, json: Bool,
                        in env: CLIEnvironment) async throws -> ExitStatus {
        try await withDirectory(stations: plan.stations.map(\.station), passwords: passwords, options: options, in: env) { directory in
            try await execute(plan, on: directory, options: options, json: json, in: env)
        }
    }

    /// Runs `plan` over a directory the caller opened (and shuts down).
    static func execute(_ plan: ExecutionPlan, on directory: any StationDirectory, options: LiveOptions, json: Bool,
                        in env: CLIEnvironment) async throws -> ExitStatus {
        let runID = StatePaths.runID(command: plan.command, at: env.now())
        let runDirectory = try runDirectory(runID, in: env)
        env.console.err("run \(runID): journal in \(runDirectory)\n")
        let results: [StationResult]
        do {
            results = try await executor(directory, options: options, in: env).run(plan, runDirectory: runDirectory)
        } catch {
            throw CommandFailure(status: .invalidInput, code: "run.unwritable",
                                 message: "cannot write the run's plan and journal under \(runDirectory): \(error)",
                                 hint: "check that the state directory is writable (XDG_STATE_HOME)")
        }
        return try LiveRunReport(run: runID, results: results, listening: directory.listeningAddress).emit(json: json, in: env)
    }

    /// `apply --resume RUN`: the saved plan and its journal; nothing the journal shows as written is sent again.
    static func resume(_ runID: String, passwords: [String: String], secrets: ExecutionPlan?, options: LiveOptions, json: Bool,
                       in env: CLIEnvironment) async throws -> ExitStatus {
        let runDirectory = try runDirectory(runID, in: env)
        var plan: ExecutionPlan
        do { plan = try PlanExecutor.savedPlan(in: runDirectory, storage: env.runStorage) } catch {
            throw CommandFailure(status: .invalidInput, code: "run.unknown", message: "no run \(runID) under \(runDirectory)",
                                 hint: "the run id is printed when a run starts (\"run …: journal in …\"); ls the runs folder")
        }
        // The saved plan holds secrets as ***: take them from the site file when it is at hand.
        if let secrets { plan = plan.filledSecrets(from: secrets) }
        return try await withDirectory(stations: plan.stations.map(\.station), passwords: passwords, options: options, in: env) { directory in
            env.console.err("resuming run \(runID) from \(runDirectory)/journal.jsonl\n")
            let results = try await executor(directory, options: options, in: env).resume(plan, runDirectory: runDirectory)
            return try LiveRunReport(run: runID, results: results, listening: directory.listeningAddress).emit(json: json, in: env)
        }
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

    static func executor(_ directory: any StationDirectory, options: LiveOptions, in env: CLIEnvironment) -> PlanExecutor {
        let console = env.console
        return PlanExecutor(
            directory: directory, storage: env.runStorage,
            settings: .init(wait: options.connect.waitDuration, backupDirectory: options.backupDir, variables: env.variables, now: env.now),
            progress: { console.err($0 + "\n") })
    }
}

extension ExecutionPlan {
    /// Puts back the secret values a saved plan masked, from a fresh plan of the same site.
    func filledSecrets(from fresh: ExecutionPlan) -> ExecutionPlan {
        var copy = self
        for index in copy.stations.indices {
            guard let write = copy.stations[index].unlock?.write, write.value == "***",
                  let value = fresh.stations.first(where: { $0.station == copy.stations[index].station })?.unlock?.write.value else { continue }
            copy.stations[index].unlock?.write.value = value
        }
        return copy
    }
}
