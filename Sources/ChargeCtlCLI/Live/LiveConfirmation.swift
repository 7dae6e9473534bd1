import Foundation
import StationModel

/// SPEC §1 `--yes`: before a live write on a terminal the command shows its plan and asks. Never in `--json` mode
/// and never without a terminal (a script gets no question it cannot answer).
enum LiveConfirmation {
    static func confirm(_ plan: RunPlan, options: LiveOptions, in env: CLIEnvironment) throws {
        guard !options.yes, !env.json, env.console.isTerminal else { return }
        env.console.err(text(plan))
        let changes = changeCount(plan)
        let question = "Apply \(changes) change\(changes == 1 ? "" : "s") to \(plan.stations.count) station\(plan.stations.count == 1 ? "" : "s")? [y/N] "
        let answer = try env.readLine(question)?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            throw CommandFailure(status: .invalidInput, code: "run.not-confirmed", message: "not confirmed: nothing was sent to any station",
                                 hint: "answer y to apply; scripts pass --yes")
        }
    }

    /// Every key written, the licence key included.
    static func changeCount(_ plan: RunPlan) -> Int {
        plan.stations.reduce(0) { $0 + $1.writes.count + ($1.unlock == nil ? 0 : 1) }
    }

    /// The plan as the question shows it: per station its keys and values (secrets masked), and its reboot.
    static func text(_ plan: RunPlan) -> String {
        var lines: [String] = []
        for station in plan.stations {
            lines.append("\(station.station):")
            if let unlock = station.unlock { lines.append("  \(unlock.write.key) = \(unlock.write.shownValue), then Reset") }
            for write in station.writes { lines.append("  \(write.key) = \(write.shownValue)") }
            if station.writes.isEmpty && station.unlock == nil { lines.append("  nothing to write") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
