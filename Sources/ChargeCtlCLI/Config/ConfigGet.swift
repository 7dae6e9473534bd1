import ArgumentParser
import ChargeIO

/// `chargectl config get STATION [KEY…]` (SPEC §1, §7): waits for the station to connect, then reads the named
/// keys (every key when none is named) with GetConfiguration.
struct ConfigGet: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Read configuration keys from a station (all keys when none is named).",
        discussion: """
            The command is the OCPP central system: the station must connect to ws://HOST:PORT/ocpp/STATION.
            Named keys are asked at most GetConfigurationMaxKeys at a time. Secret values are shown as ***.
            """)

    @Argument(help: "The station's OCPP identity (charge box id).")
    var station: String

    @Argument(help: "Configuration keys to read (case-insensitive); none reads every key.")
    var keys: [String] = []

    @OptionGroup var connect: StationConnectOptions

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
            let report = try await connect.withStation(station, in: env) { connection in
                ConfigGetReport(station: station, configuration: try await connection.getConfiguration(keys: keys))
            }
            try ReportOutput.emit(report, in: env)
            return .success
        }
    }
}
