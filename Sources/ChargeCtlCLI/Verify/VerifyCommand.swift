import AllocationCore
import ArgumentParser
import ChargeIO
import Foundation
import StationModel
import Synchronization

/// `chargectl verify SITE` (SPEC §8): reads every station over its link, the stations' Modbus servers and the
/// meter, and judges the site against its plan; `--report FILE` writes the customer's report. Reads only.
struct VerifyCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a commissioned site against its site file: settings, licences, firmware, SCN, ALB, meter.",
        discussion: """
            Reads only. Over OCPP the stations connect to ws://HOST:PORT/ocpp/<id>; over HTTPS each station is \
            reached at its host. The stations' Modbus servers are read at their site-file host (or --modbus), the \
            ALB meter at alb.meter (or --meter). A value a `verify --live` run left lowered (it was killed) is \
            restored first. --live lowers SmartMeter-MaxCurrent (meter source) or the EMS set point below what \
            charges, after a confirmation on a terminal (or --yes), samples every second, and always puts the \
            original back. Exit 0 when no check fails, 1 when one does, 3 when a station or the meter cannot be \
            reached (the other checks still run).
            """)

    @Argument(help: "The site file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var site: String

    @Option(help: "Station link: ocpp or https (SPEC §3).")
    var via: StationLinkOption = .ocpp

    @Option(help: ArgumentHelp("Write the commissioning report: FILE.html (self-contained, printable) or FILE.md.", valueName: "file"),
            completion: .file(extensions: ["html", "md"]))
    var report: String?

    @Option(help: ArgumentHelp("Where a station's Modbus server is reached, instead of its site-file host on port 502 (repeatable).",
                               valueName: "station=host[:port]"))
    var modbus: [String] = []

    @Option(help: ArgumentHelp("Where this laptop reaches the ALB meter, instead of the site file's alb.meter.", valueName: "host[:port]"))
    var meter: String?

    @Option(help: ArgumentHelp("Seconds between the EMS's set-point writes, for the validity-time check.", valueName: "seconds"))
    var emsInterval: Double?

    @Option(help: ArgumentHelp("Seconds to listen for the stations' mDNS advertisements (0: none).", valueName: "seconds"))
    var mdnsTimeout: Double = 2

    @Option(help: ArgumentHelp("The interface to browse mDNS on (default: every IPv4 interface).", valueName: "name"))
    var interface: String?

    @Option(help: ArgumentHelp("Seconds to wait for a Modbus server or the meter.", valueName: "seconds"))
    var timeout: Double = 3

    @Option(help: "A YAML file renaming OCPP keys, HTTPS ids and value spellings (default ~/.config/chargectl/key-aliases.yaml when present).",
            completion: .file(extensions: ["yaml", "yml"]))
    var keyAliases: String?

    @Flag(name: .customLong("live"), help: "Run the live load test (SPEC §8): lower the available current below what charges, watch, put it back.")
    var liveTest = false

    @Option(help: ArgumentHelp("Seconds the live test gives the allocation to follow the lowered limit (default 30).", valueName: "seconds"))
    var settle: Double?

    @Flag(help: "With --live: an idle site (no EV charging) is a warning, not a failure.")
    var allowIdle = false

    @OptionGroup var live: LiveOptions
    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            try checkRanges()
            let site = try SiteFiles.site(path: self.site)
            let aliases = try ChangeOptions.aliases(file: keyAliases, in: env)
            let plan = try SitePlanner.plan(site, link: via.link, aliases: aliases)
            let format = try report.map(VerifyDocumentFormat.init(path:))
            let reader = VerifyReader(site: site, sitePath: self.site, link: via.link, live: live,
                                      modbusTargets: try modbusTargets(site), meterTarget: try meterTarget(site),
                                      modbusTimeout: timeout, mdnsWindow: mdnsTimeout, mdnsInterface: interface)
            let ids = site.stations.map(\.id)
            let wait = live.connect.waitDuration
            let tester = liveTest ? VerifyLive(site: site, sitePath: self.site, link: via.link, settle: settle ?? LiveTestPlan.defaultSettle,
                                               allowIdle: allowIdle, yes: live.yes, modbusTargets: reader.modbusTargets,
                                               meterTarget: reader.meterTarget, modbusTimeout: timeout, wait: wait) : nil
            let (restored, reads, tested) = try await reader.withLinks(in: env) { links in
                // SPEC §8: a value an earlier `verify --live` left lowered goes back before anything is judged.
                let opened = OpenedLinks(links)
                let restored = await PendingRestoreStep.run(stations: ids, over: via.link, links: opened.make, wait: wait, in: env)
                // Over HTTPS a station holds one session: the restore's must end before the reads log in.
                await opened.closeAll()
                let reads = await reader.read(links: links, in: env)
                let tested = try await tester?.run(links: links, in: env)
                return (restored, reads, tested)
            }
            let input = VerifyInput(site: site, plan: plan, link: via.link, aliases: aliases, stations: reads.stations,
                                    meter: reads.meterReading, advertised: reads.advertised, emsWriteInterval: emsInterval)
            let result = VerifyResult(site: site, sitePath: self.site, link: via.link, plan: plan, aliases: aliases, reads: reads,
                                      findings: plan.warnings + restored + Verifier.check(input) + (tested?.findings ?? []),
                                      live: tested?.report.flatMap(VerifyLiveResult.init), reportPath: report)
            return try VerifyOutput.emit(result, format: format, in: env)
        }
    }

    func checkRanges() throws {
        try live.connect.checkRanges()
        try MeterLinkOptions.timeoutRange.check(timeout)
        try Self.mdnsRange.check(mdnsTimeout)
        if let emsInterval { try Self.emsRange.check(emsInterval) }
        if let settle { try Self.settleRange.check(settle) }
        if !liveTest, settle != nil || allowIdle {
            throw CommandFailure(status: .invalidInput, code: "verify.live-option", message: "\(settle != nil ? "--settle" : "--allow-idle") is an option of the live test",
                                 hint: "add --live, or leave it out")
        }
    }

    static let mdnsRange = OptionRange(flag: "--mdns-timeout", lower: 0, includesLower: true, upper: 60, unit: "seconds", example: "--mdns-timeout 2")
    static let settleRange = OptionRange(flag: "--settle", lower: 0, upper: 600, unit: "seconds", example: "--settle 30")
    static let emsRange = OptionRange(flag: "--ems-interval", lower: 0, upper: 86_400, unit: "seconds", example: "--ems-interval 10")

    /// Each station's Modbus server: `--modbus ID=HOST[:PORT]`, else its site-file host on 502.
    func modbusTargets(_ site: Site) throws -> [String: ModbusTarget] {
        var targets: [String: ModbusTarget] = [:]
        for entry in site.stations {
            // The site's host may carry a prefix (`/24`) or the HTTPS port (`:8443`): the Modbus server is on 502.
            guard let address = entry.host?.split(separator: "/").first, let host = address.split(separator: ":").first else { continue }
            targets[entry.id] = try ModbusTarget(String(host), port: nil)
        }
        for option in modbus {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let entry = site.stations.first(where: { $0.id == parts[0] || $0.name == parts[0] }) else {
                throw CommandFailure(status: .invalidInput, code: "verify.modbus-target",
                                     message: "--modbus \(option): expected STATION=HOST[:PORT] naming a station of the site",
                                     hint: "for example --modbus \(site.stations.first?.id ?? "ACE0001234")=192.168.0.21:502")
            }
            targets[entry.id] = try ModbusTarget(parts[1], port: nil)
        }
        return targets
    }

    /// The ALB meter, when the laptop can read it: a Modbus TCP source's `alb.meter`, or `--meter`.
    func meterTarget(_ site: Site) throws -> ModbusTarget? {
        guard let settings = site.alb?.meter, site.alb?.source == .modbusTCP else {
            if meter != nil {
                throw CommandFailure(status: .invalidInput, code: "verify.meter-target",
                                     message: "--meter is for a Modbus TCP meter, and the site's ALB source is \(site.alb?.source.rawValue ?? "none")",
                                     hint: "leave --meter out")
            }
            return nil
        }
        return try ModbusTarget(meter ?? settings.host, port: nil, defaultPort: settings.port)
    }
}

/// The links a step made, so that it can let go of every one (HTTPS: log out) before the next step logs in.
final class OpenedLinks: Sendable {
    private let factory: @Sendable (String) -> any StationLink
    private let made = Mutex<[any StationLink]>([])

    init(_ factory: @escaping @Sendable (String) -> any StationLink) { self.factory = factory }

    var make: @Sendable (String) -> any StationLink {
        { [self] id in
            let link = factory(id)
            made.withLock { $0.append(link) }
            return link
        }
    }

    func closeAll() async {
        for link in made.withLock({ $0 }) { await link.close() }
    }
}
