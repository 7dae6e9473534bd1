import ArgumentParser
import ChargeIO
import StationModel
import VirtualSite

/// `chargectl simulate SITE` (SPEC §1): a virtual site on loopback — per station an OCPP charge point, a Modbus
/// TCP server and an mDNS advertisement, plus the site meter — until SIGINT or SIGTERM. The ports go to stdout
/// (one JSON document with --json); what the stations do goes to stderr.
struct Simulate: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        abstract: "Run a virtual site: simulated stations (OCPP, Modbus, mDNS) and a meter, on loopback.",
        discussion: """
            Each station dials the central system at --ocpp-url (its identity appended to the path), answers
            GetConfiguration, ChangeConfiguration and Reset like a station, and serves its Modbus registers on an
            ephemeral port of 127.0.0.1, and serves the station's local HTTPS API (/api/login, /api/prop, /api/cmd;
            a self-signed certificate made at start) on a loopback address of its own, 127.0.1.N port 443 where it
            may bind (else an ephemeral port; a site file's loopback `host`, with `:PORT`, overrides it). The HTTPS
            password of user admin is the station's `httpsPassword`, else "chargectl-demo". Currents follow the
            allocation of the site and scenario over time. Runs until interrupted.
            """)

    @Argument(help: "The site file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var site: String

    @Option(help: "A scenario file (YAML): EVs and loads over time.", completion: .file(extensions: ["yaml", "yml"]))
    var scenario: String?

    @Option(help: "The central system the stations dial.")
    var ocppURL = "ws://127.0.0.1:8180/ocpp"

    @Option(help: "Seconds a station stays offline after Reset.")
    var rebootTime = 5.0

    @Option(help: "The interface mDNS is published on (\"none\" publishes nothing).")
    var mdnsInterface = "lo"

    @Option(help: "The simulated meter's preset (default: the site's meter preset, else socomec-countis-e27).")
    var meterPreset: String?

    @Option(help: "Feature bits every station starts with (decimal or 0x…); 0 is factory-fresh.")
    var unlockedFeatures = "0"

    @Option(name: .customLong("fault"), help: ArgumentHelp(
        "Seed a fault for `verify` to find (repeatable): \(SiteFaults.kinds.joined(separator: ", ")).", valueName: "kind[=…]"))
    var faults: [String] = []

    @Option(help: ArgumentHelp("Start the scenario this many seconds in, as if the site had run that long (EVs past their probing).",
                               valueName: "seconds"))
    var startAt = 0.0

    @Flag(name: .customLong("no-https"), help: "Serve no HTTPS API.")
    var noHTTPS = false

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            let site = try SiteFiles.site(path: self.site)
            let scenario = try self.scenario.map { try SiteFiles.scenario(path: $0) }
            let options = try self.options(site: site, env: env)
            let stop = StopSignals.stream()
            let running: RunningVirtualSite
            do {
                running = try await VirtualSiteRunner.start(site: site, scenario: scenario, ocppURL: ocppURL, options: options)
            } catch let error as VirtualSiteError {
                throw CommandFailure(status: error.exitStatus, code: error.code, message: error.description, hint: error.hint)
            }
            try ReportOutput.emit(SimulateReport(site: site.name, running: running), in: env)
            env.console.err("simulating \(running.stations.count) station\(running.stations.count == 1 ? "" : "s"); Ctrl-C stops\n")
            for await _ in stop {}
            env.console.err("stopping\n")
            await running.stop()
            return .success
        }
    }

    func options(site: Site, env: CLIEnvironment) throws -> VirtualSiteOptions {
        guard rebootTime >= 0, rebootTime <= 3600 else {
            throw CommandFailure(status: .invalidInput, code: "simulate.reboot-time", message: "--reboot-time \(rebootTime) must be 0 to 3600 s",
                                 hint: "give the seconds a station stays offline after Reset")
        }
        let text = unlockedFeatures.lowercased()
        guard let features = text.hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text) else {
            throw CommandFailure(status: .invalidInput, code: "simulate.features", message: "--unlocked-features \(unlockedFeatures) is not a bitmask",
                                 hint: "write it in decimal or as 0x…, e.g. 0x5 for SCN and ALB")
        }
        var passwords: [String: String] = [:]
        for station in site.stations {
            if let reference = station.ocppPassword {
                passwords[station.id] = try Secrets.resolve(reference, field: "stations[\(station.id)].ocppPassword", in: env)
            }
        }
        let console = env.console
        var options = VirtualSiteOptions(rebootTime: .milliseconds(Int((rebootTime * 1000).rounded())),
                                         mdnsInterface: mdnsInterface == "none" ? nil : mdnsInterface, meterPreset: meterPreset,
                                         unlockedFeatures: features, ocppPasswords: passwords) { event in
            console.err("\(event)\n")
        }
        guard startAt >= 0, startAt <= 7 * 86_400 else {
            throw CommandFailure(status: .invalidInput, code: "simulate.start-at", message: "--start-at \(startAt) must be 0 to 604800 s",
                                 hint: "give the seconds into the scenario to start at, e.g. --start-at 120")
        }
        options.startAt = startAt
        do { options.faults = try SiteFaults.parse(faults, site: site) } catch {
            throw CommandFailure(status: .invalidInput, code: "simulate.fault", message: error.description, hint: error.hint)
        }
        if !noHTTPS {
            options.httpsPasswords = try VirtualSiteHTTPS.passwords(site, env: env)
            options.httpsSecurity = VirtualSiteHTTPS.security(env)
        }
        return options
    }
}

extension VirtualSiteError {
    var exitStatus: ExitStatus {
        switch self {
        case .badURL, .unknownPreset: .invalidInput
        case .cannotListen: .communication
        }
    }

    var code: String {
        switch self {
        case .badURL: "simulate.ocpp-url"
        case .unknownPreset: "simulate.meter-preset"
        case .cannotListen: "simulate.listen"
        }
    }

    var hint: String {
        switch self {
        case .badURL: "give a ws:// URL, e.g. ws://127.0.0.1:8180/ocpp"
        case .unknownPreset: "`chargectl meter presets` lists them"
        case .cannotListen: "check that 127.0.0.1 is available (or run with --no-https)"
        }
    }
}
