import AllocationCore
import ArgumentParser
import ChargeIO
import StationModel

/// `chargectl unlock STATION --license-key KEY`: write FeatureLicenseKey, Reset, confirm UnlockedFeatures (SPEC §1).
struct UnlockCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Unlock paid features with a licence key.")

    @Argument(help: "The station's OCPP identity, or its name in --site FILE.")
    var station: String

    @Option(help: "The licence key; - reads it from standard input (a literal lands in your shell history).")
    var licenseKey: String?

    @Option(help: "Read the licence key from this environment variable.")
    var licenseKeyEnv: String?

    @Option(help: "Read the licence key from this file.", completion: .file())
    var licenseKeyFile: String?

    @Option(help: ArgumentHelp("A feature UnlockedFeatures must show after the reboot (scn, static-lb, alb, …); repeat.",
                               valueName: "feature"))
    var expect: [String] = []

    @Option(help: "A site file in which STATION may be a station's name.", completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            let text = try keyText(in: env)
            let key = try UnlockPlanner.licenceKey(text, field: FieldPath.root + "license-key")
            if let unknown = expect.first(where: { UnlockedFeatures.bit(named: $0) == nil }) {
                throw CommandFailure(status: .invalidInput, code: "unlock.expect-unknown", message: "--expect \(unknown): not a feature name",
                                     hint: "use one of: " + UnlockedFeatures.names.map(\.name).joined(separator: ", "))
            }
            let (id, password) = try StationNames.resolve(station, site: site, in: env)
            let plan = Plan(stations: [UnlockPlanner.plan(station: id, key: key)])
            return try await options.perform(plan, command: "unlock", expect: expect, site: site,
                                             passwords: password.map { [id: $0] } ?? [:], live: live, in: env)
        }
    }

    func keyText(in env: CLIEnvironment) throws -> String {
        let given = [licenseKey.map { _ in "--license-key" }, licenseKeyEnv.map { _ in "--license-key-env" },
                     licenseKeyFile.map { _ in "--license-key-file" }].compactMap { $0 }
        guard given.count == 1 else {
            throw CommandFailure(status: .invalidInput, code: "licence.source",
                                 message: given.isEmpty ? "no licence key given" : "give the licence key once, not with \(given.joined(separator: " and "))",
                                 hint: "use --license-key-env NAME, --license-key-file PATH or --license-key - (standard input)")
        }
        if let name = licenseKeyEnv { return try Secrets.resolve(.env(name), field: "--license-key-env", in: env) }
        if let path = licenseKeyFile { return try Secrets.resolve(.file(path), field: "--license-key-file", in: env) }
        if licenseKey == "-" { return try Secrets.resolve(.file("-"), field: "--license-key", in: env) }
        env.warn(Finding(.warn, "licence.command-line", "a licence key on the command line lands in your shell history",
                         hint: "prefer --license-key-env NAME or --license-key-file PATH"))
        return licenseKey ?? ""
    }
}
