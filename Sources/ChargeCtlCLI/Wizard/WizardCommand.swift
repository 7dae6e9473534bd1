import ArgumentParser
import ChargeIO
import Foundation
import StationModel

/// `chargectl wizard`: guided commissioning in the terminal (SPEC §9). It finds the stations, asks what the site
/// needs, shows the plan and the preview, writes the site file and, when confirmed, applies it.
struct WizardCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Guided commissioning: find the stations, answer questions, preview, write the site file, apply.",
        discussion: """
            On a terminal it asks with GNU readline: Tab completes the answers, Enter takes the default in brackets, \
            'back' returns to the previous question, '?' explains the question, Ctrl-C cancels (nothing is written to \
            any station), Ctrl-D quits. --answers FILE replays a session without a terminal: a YAML mapping of \
            question id to answer (questions it leaves out take their default; one without a default is exit 2).
            """)

    @Option(help: ArgumentHelp("Answers to replay (YAML: question id → answer), for scripts and tests.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var answers: String?

    @Option(help: ArgumentHelp("Start from this site file: only what it leaves out is asked.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @Option(help: "Seconds to browse for stations (mDNS) before the first question.")
    var timeout: Double = 3

    @Option(name: .customLong("interface"), help: "Browse on this interface only (e.g. eth0).")
    var interfaceName: String?

    @Option(help: ArgumentHelp("Also probe TCP 502 and 443 on every address of this network.", valueName: "cidr"))
    var scan: String?

    @Flag(help: "Do not browse for stations: their ids are typed.")
    var noDiscovery = false

    @Option(help: ArgumentHelp("For the meter test and verify: where this laptop reaches the ALB meter, instead of the address the station is given.",
                               valueName: "host[:port]"))
    var meter: String?

    @Option(help: ArgumentHelp("For verify: where a station's Modbus server is reached, instead of its host on port 502 (repeatable).",
                               valueName: "station=host[:port]"))
    var modbus: [String] = []

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            let source: any WizardAnswerSource
            if let answers {
                source = try FileAnswers.load(answers, in: env)
            } else if env.console.isErrorTerminal, !env.json {
                source = TerminalAnswers(reader: env.lineReader(), console: env.console)
            } else {
                throw CommandFailure(status: .usage, code: "wizard.no-terminal",
                                     message: "the wizard asks its questions on a terminal, and this is not one",
                                     hint: "run it in a terminal, or give the answers with --answers FILE")
            }
            let context = try await WizardGathering(command: self, env: env).context()
            var session = WizardSession(wizard: Wizard(context: context), source: source, env: env, meterAddress: meter,
                                        https: live.connect.https, verbose: live.connect.verbose)
            let result: WizardResult
            do {
                result = try await session.run()
            } catch WizardStop.cancelled {
                env.console.err("Cancelled: no site file was written and nothing was sent to any station.\n")
                return .interrupted
            } catch WizardStop.quit {
                env.console.err("Quit: no site file was written and nothing was sent to any station.\n")
                return .success
            }
            return try await WizardFinish(command: self, env: env, source: source).finish(result)
        }
    }
}
