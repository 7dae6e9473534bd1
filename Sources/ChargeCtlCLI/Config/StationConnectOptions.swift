import ArgumentParser
import ChargeIO
import StationModel

/// How a command meets its station over OCPP: it listens as the central system and waits for the station to dial
/// in (SPEC §1 shared options: `--listen`, `--wait`, `--accept-any`, `--ocpp-password-env`).
struct StationConnectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Address the OCPP central system listens on; stations connect to ws://HOST:PORT/ocpp/<id>.",
                               valueName: "host:port"))
    var listen = ListenAddress(host: "0.0.0.0", port: 8180)

    /// `.unconditional`: `--wait -1` is a number out of range (exit 2), not a missing value (exit 64).
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Seconds to wait for a station to connect, and to come back after a Reset.", valueName: "seconds"))
    var wait: Double = 120

    @Flag(help: "Let stations other than the one named connect (they are answered, nothing is sent to them).")
    var acceptAny = false

    @Option(help: ArgumentHelp("Environment variable holding the station's OCPP Basic-auth password (security profile 1).",
                               valueName: "name"))
    var ocppPasswordEnv: String?

    @Flag(name: .shortAndLong, help: "Trace every OCPP frame or HTTPS exchange on stderr (secrets masked).")
    var verbose = false

    @OptionGroup var https: HTTPSOptions

    static let waitRange = OptionRange(flag: "--wait", lower: 0, upper: 86_400, unit: "seconds", example: "--wait 120")

    func validate() throws { try Self.waitRange.checkFinite(wait) }

    /// Exit 2 for a `--wait` out of range, before anything is sent.
    func checkRanges() throws { try Self.waitRange.check(wait) }

    var waitDuration: Swift.Duration { .milliseconds(Int64((wait * 1000).rounded())) }

    /// The central system for one station; exit 2 (nothing sent) when the password variable is missing.
    func configuration(for station: String, in env: CLIEnvironment) throws -> CentralSystemConfiguration {
        try StationIdentity.check(station)
        var passwords: [String: String] = [:]
        if let name = ocppPasswordEnv {
            passwords[station] = try Secrets.resolve(.env(name), field: "--ocpp-password-env", in: env)
        }
        return CentralSystemConfiguration(host: listen.host, port: listen.port, stations: [station], acceptAny: acceptAny,
                                          passwords: passwords)
    }

    /// Starts the central system, waits for `station`, runs `body` with its connection, and always shuts down.
    func withStation<T>(_ station: String, in env: CLIEnvironment,
                        _ body: (any StationConnection) async throws -> T) async throws -> T {
        try checkRanges()
        let configuration = try configuration(for: station, in: env)
        let directory: any StationDirectory
        do {
            directory = try await env.centralSystem(configuration, ConsoleLogHandler.logger(console: env.console, verbose: verbose))
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(listen: error, in: env)
        }
        do {
            env.console.err("waiting for \(station) to connect on \(directory.listeningAddress) (up to \(Int(wait.rounded(.up))) s) …\n")
            let connection = try await directory.waitForStation(station, timeout: waitDuration)
            env.console.err("\(station) connected\n")
            let result = try await body(connection)
            await directory.shutdown()
            return result
        } catch let error as StationError {
            await directory.shutdown()
            throw CommandFailure(station: error, listening: directory.listeningAddress,
                                 reachableAt: ReachableAddress.addresses(listening: directory.listeningAddress, interfaces: env.interfaces))
        } catch {
            await directory.shutdown()
            throw error
        }
    }
}

/// `HOST:PORT`, `[IPv6]:PORT`.
struct ListenAddress: ExpressibleByArgument, Sendable, CustomStringConvertible {
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"), let port = Int(argument[argument.index(after: colon)...]),
              (0...65_535).contains(port) else { return nil }
        var host = String(argument[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    var defaultValueDescription: String { description }
}
