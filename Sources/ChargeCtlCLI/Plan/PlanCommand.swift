import ArgumentParser

/// `chargectl plan SITE`: the exact configuration-key changes per station that `apply` would make (SPEC §1, §3).
struct PlanCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the configuration changes per station that apply would make, offline.")

    @Argument(help: "The site file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var site: String

    @OptionGroup var options: ChangeOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        await SitePlanJob.run(sitePath: site, options: options, in: env.reporting(options.output))
    }
}
