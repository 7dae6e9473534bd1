import ChargeIO
import StationModel

/// The live half every changing command shares: start (or borrow) the central system through
/// `env.centralSystem`, run the plan with `PlanExecutor`, print the SPEC §7 report, exit with the most severe code.
enum LiveRun {
    static func execute(_ plan: ExecutionPlan, passwords: [String: String] = [:], options: LiveOptions, json: Bool,
                        in env: CLIEnvironment) async throws -> ExitStatus {
        let runID = StatePaths.runID(command: plan.command, at: env.now())
        let runDirectory = try runDirectory(runID, in: env)
        return try await withExecutor(stations: plan.stations.map(\.station), passwords: passwords, options: options, in: env) { executor in
            env.console.err("run \(runID): journal in \(runDirectory)\n")
            do {
                return (runID, try await executor.run(plan, runDirectory: runDirectory))
            } catch {
                throw CommandFailure(status: .invalidInput, code: "run.unwritable",
                                     message: "cannot write the run's plan and journal under \(runDirectory): \(error)",
                                     hint: "check that the state directory is writable (XDG_STATE_HOME)")
            }
        }.emit(json: json, in: env)
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
        return try await withExecutor(stations: plan.stations.map(\.station), passwords: passwords, options: options, in: env) { executor in
            env.console.err("resuming run \(runID) from \(runDirectory)/journal.jsonl\n")
            return (runID, try await executor.resume(plan, runDirectory: runDirectory))
        }.emit(json: json, in: env)
    }

    static func runDirectory(_ runID: String, in env: CLIEnvironment) throws -> String {
        guard let directory = StatePaths.runDirectory(runID, variables: env.variables) else {
            throw CommandFailure(status: .invalidInput, code: "run.no-directory",
                                 message: "neither XDG_STATE_HOME nor HOME is set, so there is no folder for the run's journal",
                                 hint: "set XDG_STATE_HOME=/some/writable/folder")
        }
        return directory
    }

    private static func withExecutor(
        stations: [String], passwords: [String: String], options: LiveOptions, in env: CLIEnvironment,
        _ body: (PlanExecutor) async throws -> (String, [StationResult])
    ) async throws -> LiveRunReport {
        let configuration = try options.configuration(stations: stations, passwords: passwords, in: env)
        let directory = try await options.directory(configuration, in: env)
        let console = env.console
        let executor = PlanExecutor(
            directory: directory, storage: env.runStorage,
            settings: .init(wait: options.connect.waitDuration, backupDirectory: options.backupDir, variables: env.variables, now: env.now),
            progress: { console.err($0 + "\n") })
        do {
            let (runID, results) = try await body(executor)
            await directory.shutdown()
            return LiveRunReport(run: runID, results: results, listening: directory.listeningAddress)
        } catch {
            await directory.shutdown()
            throw error
        }
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
