import ArgumentParser
import ChargeIO
import StationModel

/// `chargectl preview SITE [--scenario FILE] [--json] [--svg FILE]` (SPEC §1, §2, §4).
struct Preview: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        abstract: "Simulate how the site divides its current over time, offline.",
        discussion: """
            Without --scenario, an EV connects to every socket in SCN-id order 70 s apart and the preview runs 2 h.
            Nothing is sent to any station.
            """)

    @Argument(help: "The site file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var site: String

    @Option(help: "A scenario file (YAML): EVs, loads and faults over time.", completion: .file(extensions: ["yaml", "yml"]))
    var scenario: String?

    @OptionGroup var output: OutputOptions

    @Option(help: "Also write an SVG chart to this file.", completion: .file(extensions: ["svg"]))
    var svg: String?

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            let site = try SiteFiles.site(path: self.site)
            let scenario = try self.scenario.map { try SiteFiles.scenario(path: $0) }
            let preview = try SitePreview(site: site, scenario: scenario, scenarioFile: self.scenario)
            if let svg {
                do {
                    try env.writeFile(svg, PreviewSVGRenderer().render(site: preview.allocationSite, result: preview.result,
                                                                        siteName: preview.site.name))
                } catch {
                    throw CommandFailure(status: .invalidInput, code: "file.unwritable", message: "cannot write the chart to \(svg)",
                                         hint: "check that the folder exists and is writable")
                }
            }
            try PreviewReport(preview: preview).write(json: env.json, colour: env.useColour) { env.console.out($0) }
            return .success
        }
    }
}
