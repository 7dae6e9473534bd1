import ArgumentParser
import ChargeIO

/// `chargectl station status HOST [--json]` (SPEC §1, §7; alfen-station.md §1): unit 200, then the sockets.
struct StationStatus: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a station's identity, SCN and socket state from its Modbus TCP server.",
        discussion: """
            The station answers only on its wired Ethernet port, with Active Load Balancing licensed and the
            data source set to Energy Management System (alfen-station.md §1.2). Reads only; nothing is written.
            Exit 1 when a register reads a value no station measures (±Inf), 3 when the station does not answer.
            """)

    @Argument(help: "The station: HOST or HOST:PORT.")
    var host: String

    @Option(help: "The TCP port (default 502).")
    var port: Int?

    @Option(help: "Seconds to wait for the station: connecting (with its retries) and each answer.")
    var timeout: Double = 3

    func validate() throws { try MeterLinkOptions.timeoutRange.checkFinite(timeout) }

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            try MeterLinkOptions.timeoutRange.check(timeout)
            let target = try ModbusTarget(host, port: port)
            let endpoint = ModbusEndpoint.tcp(host: target.host, port: target.port)
            let connection = env.modbusConnector(endpoint, ModbusClientOptions(timeout: timeout))
            defer { connection.close() }
            let status: AlfenStationStatus
            do throws(ModbusClientError) { status = try await AlfenStationStatus.read(from: connection) } catch {
                throw CommandFailure(error, target: endpoint.description, station: true)
            }
            let report = StationStatusReport(status: status)
            try ReportOutput.emit(report, in: env)
            // A reading no station can measure (±Inf) fails the status as an implausible meter fails `meter test`.
            return report.failed ? .checkFailed : .success
        }
    }
}
