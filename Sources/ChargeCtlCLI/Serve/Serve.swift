import ArgumentParser
import ChargeIO
import Synchronization

/// `chargectl serve` (SPEC §1, §5): a long-running OCPP central system. It answers the stations' own messages,
/// logs connects and disconnects on stderr, and lends its connections to the other commands through its control
/// socket until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        abstract: "Run the OCPP central system until interrupted; other commands use its stations meanwhile.",
        discussion: """
            Stations connect to ws://HOST:PORT/ocpp/<id> (wss:// with --tls-cert and --tls-key, security profile 2).
            With --site, the site's stations are expected, and a station with an ocppPassword must send it (HTTP Basic).
            While serve runs, config get (and the other station commands) reach stations through its control socket.
            """)

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "host:port"))
    var listen = ListenAddress(host: "0.0.0.0", port: 8180)

    @Option(help: ArgumentHelp("Site file: its stations are expected, with their OCPP passwords.", valueName: "file"))
    var site: String?

    @Flag(help: "Let any station identity connect.")
    var acceptAny = false

    @Option(help: ArgumentHelp("PEM certificate chain for TLS (security profile 2).", valueName: "pem"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for TLS.", valueName: "pem"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Control socket path (default $XDG_RUNTIME_DIR/chargectl/serve.sock).", valueName: "path"))
    var control: String?

    @Flag(name: .shortAndLong, help: "Trace every OCPP frame on stderr (secrets masked).")
    var verbose = false

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            ServeMemory.limitArenas()
            var configuration = try ServeSetup.configuration(listen: listen, site: site, acceptAny: acceptAny, in: env)
            configuration.security = try ServeSetup.security(certificate: tlsCert, key: tlsKey)
            let seen = Mutex<[String]>([])
            configuration.events = { event in
                switch event {
                case .connected(let identity, _):
                    seen.withLock { if !$0.contains(identity) { $0.append(identity) } }
                    env.console.err("\(event)\n")
                case .disconnected:
                    env.console.err("\(event)\n")
                case .refused:
                    break  // the central system's logger already says why, once
                }
            }
            let logger = ConsoleLogHandler.logger(console: env.console, verbose: verbose)
            let directory: any StationDirectory
            do {
                directory = try await env.startCentralSystem(configuration, logger)
            } catch {
                throw CommandFailure(listen: error, in: env)
            }
            let scheme = configuration.security?.scheme ?? "ws"
            let socket = control ?? env.controlSocketPath
            var server: ControlServer?
            if let socket {
                do {
                    server = try await ControlServer.start(path: socket, directory: directory, logger: logger)
                } catch {
                    await directory.shutdown()
                    throw CommandFailure(status: .communication, code: "serve.control-socket", message: "\(error)",
                                         hint: "stop the other serve, or give this one its own --control PATH")
                }
            }
            env.console.err("serve: listening on \(scheme)://\(directory.listeningAddress)/ocpp/<id>"
                            + (socket.map { ", control socket \($0)" } ?? "") + "\n")
            for await _ in env.stopRequests() { break }
            env.console.err("serve: stopping\n")
            await server?.shutdown()
            await directory.shutdown()
            let report = ServeReport(listen: directory.listeningAddress, scheme: scheme, control: socket,
                                     stations: seen.withLock { $0 })
            try ReportOutput.emit(report, in: env)
            return .success
        }
    }
}
