import ArgumentParser
import ChargeIO

/// `chargectl config get STATION [KEY…]` (SPEC §1, §7): the named keys (every key when none is named) over OCPP
/// (GetConfiguration, once the station has connected) or the station's HTTPS API (`--via https`: property ids).
struct ConfigGet: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Read configuration keys from a station (all keys when none is named).",
        discussion: """
            Over OCPP the command is the central system: the station must connect to ws://HOST:PORT/ocpp/STATION, and
            named keys are asked at most GetConfigurationMaxKeys at a time. With --via https it logs in to the station's
            API and reads property ids (2062_0). Either way a setting id (scn.totalSafeCurrent) reads the link's key
            for it. Secret values are shown as ***.
            """)

    @Argument(help: "The station's OCPP identity, its name in --site FILE, or (--via https) its IPv4 address.")
    var station: String

    @Argument(help: "Keys to read (OCPP keys, case-insensitive; HTTPS property ids; or setting ids); none reads every key.")
    var keys: [String] = []

    @OptionGroup var link: StationReadOptions

    @Option(help: "A YAML file renaming OCPP keys and HTTPS ids, optionally per firmware: a setting id or manual key reads its alias (default ~/.config/chargectl/key-aliases.yaml when present).",
            completion: .file(extensions: ["yaml", "yml"]))
    var keyAliases: String?

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            if let long = keys.first(where: { $0.count > 50 }) {
                throw CommandFailure(status: .invalidInput, code: "config.key-too-long",
                                     message: "\(long.prefix(20))…: a configuration key has at most 50 characters (OCPP 1.6 §7.29)",
                                     hint: "check the key's spelling")
            }
            let aliases = try ChangeOptions.aliases(file: keyAliases, in: env)
            let reading = try await link.read(station, names: keys, aliases: aliases, in: env)
            try ReportOutput.emit(ConfigGetReport(station: reading.station, configuration: reading.listing), in: env)
            return .success
        }
    }
}
