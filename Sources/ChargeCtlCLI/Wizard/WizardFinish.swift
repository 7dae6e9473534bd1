import ChargeIO
import StationModel

/// The end of a session (SPEC §9): the site file written, then — when the person said yes — `apply` of that very
/// file, as `chargectl apply FILE --yes` would run it (the question was the confirmation).
struct WizardFinish {
    let command: WizardCommand
    let env: CLIEnvironment
    let source: any WizardAnswerSource

    struct Outcome: Report {
        var site: String
        var applied: Bool
        var applyStatus: Int32?
        var verified: Bool?

        enum Keys: String, CodingKey { case ok, site, applied, verified }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(applyStatus.map { $0 == 0 } ?? true, forKey: .ok)
            try container.encode(site, forKey: .site)
            try container.encode(applied, forKey: .applied)
            try container.encode(verified, forKey: .verified)
        }

        func text(colour: Bool) -> String {
            var lines = ["Site file: \(site)"]
            if !applied { lines.append("Not applied: run chargectl apply \(site) when ready.") }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    func finish(_ result: WizardResult) async throws -> ExitStatus {
        do {
            try env.writeFile(result.file, result.yaml)
        } catch {
            throw CommandFailure(status: .invalidInput, code: "file.unwritable", message: "cannot write the site file to \(result.file)",
                                 hint: "check that the folder exists and is writable")
        }
        source.tell("Wrote \(result.file).")
        var outcome = Outcome(site: result.file, applied: false)
        guard result.apply else {
            try ReportOutput.emit(outcome, in: env)
            return .success
        }
        let status = await apply(result)
        outcome.applied = status == .success
        outcome.applyStatus = status.rawValue
        try ReportOutput.emit(outcome, in: env)
        return status
    }

    /// `apply FILE --yes` with the wizard's own link and live options, its output on stderr.
    private func apply(_ result: WizardResult) async -> ExitStatus {
        source.tell("Applying \(result.file)…")
        var options = command.options
        options.via = result.site.stations.contains { $0.httpsPassword != nil } ? .https : .ocpp
        options.output.json = false
        var live = command.live
        live.yes = true
        return await ApplyCommand.apply(sitePath: result.file, options: options, live: live, in: env.withOutputOnStderr())
    }
}
