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
        var applied = false
        var verified: Bool?
        var report: String?
        var status: ExitStatus = .success

        enum Keys: String, CodingKey { case ok, site, applied, verified, report }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(status == .success, forKey: .ok)
            try container.encode(site, forKey: .site)
            try container.encode(applied, forKey: .applied)
            try container.encode(verified, forKey: .verified)
            try container.encode(report, forKey: .report)
        }

        func text(colour: Bool) -> String {
            var lines = ["Site file: \(site)"]
            switch (applied, verified) {
            case (false, _): lines.append(status == .success ? "Not applied: run chargectl apply \(site) when ready."
                                                              : "Apply failed (exit \(status.rawValue)): see above; chargectl apply --resume RUN finishes it.")
            case (true, true?): lines.append("Applied and verified.")
            case (true, _): lines.append("Applied; verify found a problem (exit \(status.rawValue)): see its findings above.")
            }
            if let report { lines.append("Report: \(report)") }
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
        var outcome = Outcome(site: result.file)
        if result.apply {
            outcome.status = await apply(result)
            outcome.applied = outcome.status == .success
            if outcome.applied {
                outcome.status = await verify(result)
                outcome.verified = outcome.status == .success
                outcome.report = result.report
            }
        }
        try ReportOutput.emit(outcome, in: env)
        return outcome.status
    }

    /// The link the site file's answers chose.
    private func link(_ result: WizardResult) -> StationLinkOption {
        result.site.stations.contains { $0.httpsPassword != nil } ? .https : .ocpp
    }

    /// `verify FILE [--report R]`, as the person would run it after apply, on stderr.
    private func verify(_ result: WizardResult) async -> ExitStatus {
        source.tell("Verifying \(result.file)…")
        guard var verify = try? VerifyCommand.parse([result.file]) else { return .invalidInput }
        verify.via = link(result)
        verify.report = result.report
        verify.modbus = command.modbus
        verify.meter = command.meter
        verify.interface = command.interfaceName
        verify.live = command.live
        return await verify.run(env.withOutputOnStderr())
    }

    /// `apply FILE --yes` with the wizard's own link and live options, its output on stderr.
    private func apply(_ result: WizardResult) async -> ExitStatus {
        source.tell("Applying \(result.file)…")
        var options = command.options
        options.via = link(result)
        options.output.json = false
        var live = command.live
        live.yes = true
        return await ApplyCommand.apply(sitePath: result.file, options: options, live: live, in: env.withOutputOnStderr())
    }
}
