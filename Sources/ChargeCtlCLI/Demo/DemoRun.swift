import ChargeIO
import JSONText

/// Runs a demo script stage by stage, showing each command and what it printed as it finishes (text), or keeping
/// the commands' own JSON documents for one report (`--json`).
struct DemoRun {
    struct StageResult: Sendable, Encodable {
        var kind: DemoScript.Stage.Kind
        var title: String
        var steps: [DemoStepResult]
    }

    let script: DemoScript
    /// The environment the commands run in: the shared central system, the licence keys.
    let commandEnv: CLIEnvironment
    /// Where the demo itself reports.
    let console: any Console
    let json: Bool

    func run() async -> (stages: [StageResult], readBack: [DemoReadBack.Row]) {
        var stages: [StageResult] = []
        var readBack: [DemoReadBack.Row] = []
        for (number, stage) in script.stages.enumerated() {
            if !json { console.out("\n[\(number + 1)/\(script.stages.count)] \(stage.title)\n") }
            // The read-back is judged here, so its commands always answer in JSON.
            let judged = stage.kind == .readBack
            let results = await run(stage, json: json || judged)
            if judged {
                for (step, result) in zip(stage.steps, results) {
                    let station = step.arguments[2]
                    readBack += DemoReadBack.rows(station: station, expected: script.expected[station] ?? [],
                                                  features: DemoScript.features, document: result.result)
                }
            }
            if !json { show(results, readBack: judged ? readBack : nil) }
            stages.append(StageResult(kind: stage.kind, title: stage.title, steps: results))
            // A stage that failed leaves the next with nothing sound to build on.
            if results.contains(where: { !$0.succeeded }) { break }
        }
        return (stages, readBack)
    }

    private func run(_ stage: DemoScript.Stage, json: Bool) async -> [DemoStepResult] {
        let progress: @Sendable (String) -> Void = { [console] text in console.err(text) }
        guard stage.parallel else {
            var results: [DemoStepResult] = []
            for step in stage.steps {
                results.append(await DemoStepRunner.run(step, in: commandEnv, json: json, progress: progress))
            }
            return results
        }
        return await withTaskGroup(of: (Int, DemoStepResult).self) { group in
            for (index, step) in stage.steps.enumerated() {
                group.addTask { [commandEnv] in (index, await DemoStepRunner.run(step, in: commandEnv, json: json, progress: progress)) }
            }
            var results: [(Int, DemoStepResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// A command's output under its command line; blank lines stay blank (no trailing spaces).
    private func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
            .map { $0.isEmpty ? "\n" : "    \($0)\n" }.joined()
    }

    private func show(_ results: [DemoStepResult], readBack: [DemoReadBack.Row]?) {
        for result in results {
            console.out("  $ \(result.command)\n")
            if readBack == nil {
                console.out(indented(result.text))
            }
            if !result.succeeded { console.out("    ✗ exit \(result.exitCode) after \(result.seconds) s\n") }
        }
        if let readBack { console.out(DemoReadBack.table(readBack)) }
    }
}
