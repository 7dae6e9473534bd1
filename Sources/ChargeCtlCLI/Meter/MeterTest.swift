import ArgumentParser
import ChargeHTTPS
import ChargeIO
import ModbusProtocol

/// `chargectl meter test TARGET --preset P` (SPEC §1, §7; issue 4), and `meter test --station HOST`: the
/// station's own view of its meter over HTTPS (issue 15 item 6).
struct MeterTest: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Read a meter over Modbus, or through a station's eyes over HTTPS, and judge whether its values are plausible.",
        discussion: """
            TARGET is HOST or HOST:PORT for Modbus TCP (or RTU over TCP with --rtu-over-tcp); with --serial the
            meter is read through a local RS-485 adapter instead. With --station (instead of TARGET and the Modbus
            options) the station's own readings of its meter are read over its HTTPS API (5221_x): the only way to
            test a P1, TIC or RS-485 meter, and to see the meter as the station's load balancing does. Exit 1 when a
            finding fails, 3 when the meter or station does not answer (2 for a wrong HTTPS password). With --watch
            the readings repeat every --interval seconds (default 2) until interrupted or --count polls; with --json
            each poll prints one JSON document on its own line.
            """)

    @Argument(help: "The meter or its gateway: HOST or HOST:PORT (not with --serial or --station).")
    var target: String?

    @OptionGroup var link: MeterLinkOptions

    @Option(help: ArgumentHelp("Read the meter as this station sees it, over HTTPS: its IPv4 address (IP or IP:PORT), or its id with --host.",
                               valueName: "host"))
    var station: String?

    @Option(help: "With --station: the link, https (the only one that carries the station's meter readings).")
    var via: StationLinkOption?

    @OptionGroup var https: HTTPSOptions

    @Flag(name: .shortAndLong, help: "With --station: trace the HTTPS exchange on stderr (secrets masked).")
    var verbose = false

    @Flag(help: "Repeat the reading until interrupted (or --count polls); with --json, one JSON document per line (JSON lines).")
    var watch = false

    /// ArgumentParser has no option with an optional value, so `--watch [S]` is `--watch [--interval S]`.
    @Option(parsing: .unconditional, help: ArgumentHelp("With --watch: seconds between readings (at least 0.1).", valueName: "S"))
    var interval: Double = 2

    @Option(help: "With --watch: stop after this many polls.")
    var count: Int?

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            try checkRanges()
            try checkLinkChoice()
            if station != nil { return try await throughStation(env) }
            let setup = try link.resolve(target: target, env: env)
            let connection = env.modbusConnector(setup.endpoint, ModbusClientOptions(timeout: link.timeout))
            defer { connection.close() }
            var worst = ExitStatus.success
            var poll = 0
            while true {
                poll += 1
                let probe = MeterProbe(entry: setup.entry, catalog: setup.catalog, connection: connection, unit: setup.unit)
                let result: MeterProbe.Result
                do throws(ModbusClientError) { result = try await probe.run(identify: poll == 1) } catch {
                    throw CommandFailure(error, target: setup.endpoint.description)
                }
                let report = MeterTestReport(meter: setup.meterDocument, readings: result.readings, findings: result.findings)
                try ReportOutput.emit(report, in: env)
                worst = max(worst, report.failed ? .checkFailed : .success)
                guard watch, count.map({ poll < $0 }) ?? true, !Task.isCancelled else { return worst }
                try await KeepAlive.wait(seconds: interval, connection: connection) {
                    do throws(ModbusClientError) {
                        _ = try await connection.read(Array(setup.entry.readPlan.prefix(1)), unit: setup.unit)
                    } catch { throw CommandFailure(error, target: setup.endpoint.description) }
                }
            }
        }
    }

    static let intervalRange = OptionRange(flag: "--interval", lower: 0.1, includesLower: true, upper: 86_400, unit: "seconds",
                                           example: "--interval 2")

    func validate() throws { try Self.intervalRange.checkFinite(interval) }

    /// Exit 2 (with its JSON document) for the tool's own ranges, before a byte is sent.
    func checkRanges() throws {
        try Self.intervalRange.check(interval)
        try MeterLinkOptions.timeoutRange.check(link.timeout)
        if let count, count < 1 {
            throw CommandFailure(status: .invalidInput, code: "option.range", message: "--count \(count): must be at least 1",
                                 hint: "for example --count 5")
        }
    }
}

/// Keeps a watched connection alive: a server may drop a connection idle for 60 s (the Alfen station does,
/// alfen-station.md §1.1), so a long interval is cut into steps with a small read whenever 25 s pass quietly.
enum KeepAlive {
    static let quietLimit = 25.0

    static func wait(seconds: Double, connection: any ModbusConnection,
                     ping: () async throws -> Void) async throws {
        var remaining = seconds
        while remaining > 0 {
            let step = min(remaining, max(quietLimit - connection.idleSeconds, 0.05))
            try await Task.sleep(for: .milliseconds(Int(step * 1000)))
            remaining -= step
            if remaining > 0, connection.idleSeconds >= quietLimit { try await ping() }
        }
    }
}
