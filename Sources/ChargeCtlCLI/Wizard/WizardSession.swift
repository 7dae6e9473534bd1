import AllocationCore
import ChargeIO
import StationModel

/// Runs the wizard's state machine against the world: asks through the answer source, runs the meter test and
/// shows the plan and preview when the machine says so, then writes the site file and, when confirmed, applies it
/// with `apply`'s own code. Everything it starts is an existing command; the wizard adds no second way to configure.
struct WizardSession {
    var wizard: Wizard
    let source: any WizardAnswerSource
    let env: CLIEnvironment
    /// What a sub-command prints goes to stderr: stdout keeps the wizard's own result (SPEC §1).
    var quiet: CLIEnvironment { env.withOutputOnStderr() }

    /// Asks until the machine is done; throws `WizardStop` when the person cancels or quits.
    mutating func run() async throws -> WizardResult {
        var problems: [ConfigError] = []
        for _ in 0..<10_000 {
            switch wizard.next() {
            case let .ask(question, carried):
                let text = try source.answer(question, problems: problems + carried)
                problems = []
                switch wizard.answer(text) {
                case let .accepted(warnings):
                    warnings.forEach { source.tell(WizardText.warning($0)) }
                case let .rejected(errors):
                    problems = errors
                case let .help(text):
                    source.tell(text)
                case let .wentBack(to):
                    source.tell("  (back to \(to))")
                case .cannotGoBack:
                    source.tell("  (this is the first question)")
                }
            case let .testMeter(meter):
                wizard.meterTested(meter, passed: await testMeter(meter))
            case let .review(site):
                review(site)
                wizard.reviewed(site)
            case let .done(result):
                return result
            }
        }
        throw CommandFailure(status: .invalidInput, code: "wizard.no-end", message: "the wizard asked 10000 questions without an end",
                             hint: "this is a bug: please report the answers given")
    }

    /// `meter test HOST:PORT --unit U --preset P`, as the person would run it; passed when it exits 0.
    func testMeter(_ meter: MeterSettings) async -> Bool {
        source.tell("Testing the meter at \(meter.host):\(meter.port), unit \(meter.unit) (\(meter.preset)):")
        guard let command = try? MeterTest.parse(["\(meter.host):\(meter.port)", "--unit", String(meter.unit), "--preset", meter.preset]) else {
            return false
        }
        return await command.run(quiet) == .success
    }

    /// The plan for the chosen link and the allocation's preview, before anything is written.
    func review(_ site: Site) {
        let link: LinkKind = wizard.answers["link"] == "https" ? .https : .ocpp
        var lines = ["", "The plan (\(link.rawValue)):"]
        do {
            let plan = try SitePlanner.plan(site, link: link)
            lines.append(PlanReport(plan: plan, link: link, aliases: .none).text(colour: env.useColour))
            let preview = try SitePreview(site: site, scenario: nil)
            lines.append("The allocation preview (an EV on every socket, 70 s apart, 2 h):")
            lines += PreviewTextSummary(colour: env.useColour).lines(site: preview.allocationSite, summary: preview.result.summary)
        } catch let errors as ConfigErrors {
            lines += errors.errors.map(WizardText.problem)
        } catch {
            lines.append("  (no plan: \(error))")
        }
        source.tell(lines.joined(separator: "\n"))
    }
}
