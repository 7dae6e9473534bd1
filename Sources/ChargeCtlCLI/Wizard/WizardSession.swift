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
    /// `--meter`: where this laptop reaches the meter when that is not the address the station is given.
    var meterAddress: String?
    /// How the stations' HTTPS API is reached when their features are read (`--host`, `--https-…`).
    var https = HTTPSOptions()
    var verbose = false
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
            case let .readFeatures(site, stations):
                wizard.featuresRead(await readFeatures(of: stations, in: site), of: stations)
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
        let address = meterAddress ?? "\(meter.host):\(meter.port)"
        source.tell("Testing the meter at \(address), unit \(meter.unit) (\(meter.preset)):")
        guard let command = try? MeterTest.parse([address, "--unit", String(meter.unit), "--preset", meter.preset]) else {
            return false
        }
        return await command.run(quiet) == .success
    }

    /// `UnlockedFeatures` of each station over its HTTPS API, as `config get --via https` reads it. A station that
    /// cannot be read is said and left out: no licence key is asked for it, and `apply` refuses a locked feature.
    func readFeatures(of stations: [String], in site: Site) async -> [String: UnlockedFeatures] {
        guard let key = SettingReader(link: .https).key(.unlockedFeatures) else { return [:] }
        source.tell("Reading the licence features of \(stations.joined(separator: ", ")) over HTTPS:")
        // Asked one station at a time, so that `--host` (one station's address) is not lent to the others.
        var options = https
        if site.stations.count > 1 { options.host = nil }
        var read: [String: UnlockedFeatures] = [:]
        for id in stations {
            do {
                guard let endpoint = try options.endpoints(stations: [id], entries: site.stations, site: nil, in: env)[id]?.endpoint else { continue }
                let link = try env.httpsLink(id, endpoint, verbose)
                let value: String?
                do {
                    _ = try await link.waitForStation(timeout: .seconds(10))
                    value = try await link.read(keys: [key])[key]?.value
                } catch {
                    await link.close()
                    throw error
                }
                // Logged out before anything else logs in: the station serves one session at a time.
                await link.close()
                guard let features = value.flatMap(UnlockedFeatures.init) else {
                    source.tell("  \(id): no UnlockedFeatures in its answer (\(value ?? "none")); its licence is judged by apply")
                    continue
                }
                read[id] = features
                source.tell("  \(id): \(features.featureNames.isEmpty ? "no features" : features.featureNames.joined(separator: ", "))")
            } catch {
                source.tell("  \(id): not read (\(CommandFailure(error).message)); its licence is judged by apply")
            }
        }
        return read
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
