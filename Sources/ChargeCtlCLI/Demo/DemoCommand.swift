import ArgumentParser
import ChargeIO
import Logging
import StationModel
import VirtualSite

/// `chargectl demo` (SPEC §1): a virtual site in-process, commissioned by the real commands an installer would
/// type — discover, unlock, alb configure, scn create — then every changed setting read back and each station's
/// Modbus server read. Everything binds to loopback; nothing reaches a real network.
struct DemoCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Commission a virtual site end to end on loopback: discover, unlock, ALB, SCN, read-back.",
        discussion: """
            Starts virtual stations (OCPP charge point, Modbus server, mDNS) and a Modbus meter on 127.0.0.1, an OCPP \
            central system for them, and runs the real commands against it, printing each as you would type it. \
            The built-in site has four stations (one with two sockets) and a Socomec Countis E27 meter.
            """)

    @Option(help: "The virtual site (default: the built-in four-station site).", completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @Option(help: "A scenario for the virtual site's load (default: the built-in site's).", completion: .file(extensions: ["yaml", "yml"]))
    var scenario: String?

    @Option(help: ArgumentHelp("Seconds a virtual station stays offline after a Reset.", valueName: "seconds"))
    var rebootTime: Double = 5

    @Option(help: ArgumentHelp("Seconds each command waits for a station to connect or come back.", valueName: "seconds"))
    var wait: Int = 60

    @Option(help: ArgumentHelp("The link the changes go over: ocpp, or https (each virtual station's own HTTPS API; the read-back stays on OCPP).",
                               valueName: "link"))
    var via: StationLinkOption = .ocpp

    @Option(help: ArgumentHelp("Where `verify` writes the commissioning report (.html or .md; default: verify-report.html beside the demo's backups).",
                               valueName: "file"), completion: .file(extensions: ["html", "md"]))
    var report: String?

    @Flag(name: .shortAndLong, help: "Also log what the virtual site and the central system do, on stderr.")
    var verbose = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard rebootTime >= 0, rebootTime <= 300 else { throw ValidationError("--reboot-time must be between 0 and 300 seconds") }
    }

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            try OptionRange(flag: "--wait", lower: 0, upper: 3600, unit: "seconds", example: "--wait 60").check(Double(wait))
            let (site, scenario) = try DemoSite.load(site: self.site, scenario: self.scenario)
            let clock = ContinuousClock()
            let started = clock.now
            let logger = ConsoleLogHandler.logger(console: env.console, verbose: verbose)
            let directory = try await startCentralSystem(site, logger: logger)
            let virtual: RunningVirtualSite
            do {
                var options = VirtualSiteOptions(rebootTime: Swift.Duration.milliseconds(Int64(rebootTime * 1000)), onEvent: { [verbose] event in
                    if verbose { env.console.err("virtual site: \(event)\n") }
                })
                // Like real stations, the demo's serve their local HTTPS API too (SPEC §3).
                options.httpsSecurity = VirtualSiteHTTPS.security(env)
                virtual = try await VirtualSiteRunner.start(
                    site: site, scenario: scenario, ocppURL: "ws://\(directory.listeningAddress)/ocpp", options: options)
            } catch {
                await directory.shutdown()
                throw CommandFailure(status: .communication, code: "demo.site-failed", message: "the virtual site did not start: \(error)",
                                     hint: "check that loopback (127.0.0.1) is up; run with -v for details")
            }
            if !env.json { env.console.out(DemoSite.introduction(site, virtual, centralSystem: directory.listeningAddress)) }

            let features = DemoScript.features.compactMap(UnlockedFeatures.bit(named:)).reduce(0, |)
            let keys = Dictionary(uniqueKeysWithValues: virtual.stations.map {
                ($0.identity, demoLicenceKey(objectNumber: $0.objectNumber, features: UInt32(features)))
            })
            // The virtual stations' backups, journals and pinned certificates are the demo's, not the user's: keep
            // them out of the state directory real stations' live in. The report and the site file `verify` reads
            // go there too.
            let state = DemoSite.stateDirectory(in: env)
            let reportPath = report ?? "\(state)/verify-report.html"
            let script: DemoScript
            do {
                let httpsSite = try via.link == .https ? DemoHTTPSSite.write(site, virtual, in: state, env: env) : nil
                let sitePath = try self.site ?? DemoSite.writeBuiltIn(to: state, in: env)
                script = try DemoScript.make(site: site, licenceKeys: keys,
                                             modbusPorts: Dictionary(uniqueKeysWithValues: virtual.stations.map { ($0.identity, $0.modbusPort) }),
                                             meter: (virtual.meter.port, virtual.meter.unit),
                                             listen: directory.listeningAddress, wait: wait, httpsSite: httpsSite,
                                             verify: (sitePath, reportPath))
            } catch {
                await virtual.stop()
                await directory.shutdown()
                throw error
            }

            var commandEnv = env
            commandEnv.variables.merge(script.secrets) { _, demo in demo }
            commandEnv.variables["XDG_STATE_HOME"] = state
            if via.link == .https {
                commandEnv.variables[DemoHTTPSSite.passwordVariable] = VirtualSiteOptions.defaultHTTPSPassword
                commandEnv.httpsLink = HTTPSLinks.live(console: env.console, variables: commandEnv.variables)
            }
            if !env.json {
                env.console.out("  backups and journals  \(state)/chargectl\n  commissioning report  \(reportPath)\n")
                if via.link == .https { env.console.out("  over HTTPS  each station's address and password in \(state)/site-https.yaml\n") }
            }
            let shared = SharedStationDirectory(directory)
            commandEnv.centralSystem = { _, _ in shared }
            // Another virtual site may advertise on lo beside the demo: its discover step looks for its own stations.
            if env.discovery is LiveDiscoveryPort {
                commandEnv.discovery = LiveDiscoveryPort(identities: Set(site.stations.map(\.id)))
            }
            let outcome = await DemoRun(script: script, commandEnv: commandEnv, console: env.console, json: env.json).run()
            await virtual.stop()
            await directory.shutdown()

            let report = DemoReport.make(site: site, virtual: virtual, centralSystem: directory.listeningAddress, script: script,
                                         stages: outcome.stages, readBack: outcome.readBack, elapsed: started.duration(to: clock.now),
                                         reportPath: reportPath)
            try ReportOutput.emit(report, in: env)
            return report.status
        }
    }

    private func startCentralSystem(_ site: Site, logger: Logger) async throws -> any StationDirectory {
        let configuration = CentralSystemConfiguration(host: "127.0.0.1", port: 0, stations: Set(site.stations.map(\.id)),
                                                       acceptAny: false, passwords: [:])
        do {
            return try await CentralSystem.start(configuration, logger: logger)
        } catch {
            throw CommandFailure(status: .communication, code: "demo.listen-failed",
                                 message: "the demo's OCPP central system cannot listen on 127.0.0.1: \(error)",
                                 hint: "check that loopback (127.0.0.1) is up")
        }
    }
}
