import AllocationCore
import ArgumentParser
import ChargeIO
import DNSSD
import StationModel

/// `chargectl discover [--timeout S] [--interface IF] [--scan CIDR] [--expect N] [--json]` (SPEC.md §1, §5, §7).
struct Discover: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        abstract: "List the stations on the LAN (mDNS/DNS-SD, optionally a TCP probe of a subnet).",
        discussion: """
            Browses _alfen._tcp and _lolo3._http._tcp on every IPv4 interface (or the one given) for --timeout \
            seconds. --scan also probes TCP 502 and 443 across a network and lists what answers. With --expect N \
            the command returns as soon as N stations are known, and exits 3 if fewer are found in time.
            """)

    @Option(help: "Seconds to listen for answers.")
    var timeout: Double = 3

    @Option(name: .customLong("interface"), help: "Browse on this interface only (e.g. eth0).")
    var interfaceName: String?

    @Option(help: ArgumentHelp("Also probe TCP 502 and 443 on every address of this network.", valueName: "cidr"))
    var scan: String?

    @Option(help: "Return as soon as this many stations are known.")
    var expect: Int?

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    /// The browse (and scan) itself, its interface warnings said: for `discover` and the wizard's first step.
    static func search(timeout: Double, interfaceName: String?, scan: String?, expect: Int?,
                       in env: CLIEnvironment) async throws -> DiscoverReport {
        let request = try DiscoverRequest(timeout: timeout, interfaceName: interfaceName, scan: scan,
                                          expect: expect, available: env.discovery.interfaces())
        let outcome = try await DiscoverSearch(port: env.discovery, request: request).run()
        for warning in outcome.warnings {
            env.warn(Finding(.warn, "discover.interface", warning.description,
                             hint: "the other interfaces are still browsed; pick one with --interface IF"))
        }
        return DiscoverReport(stations: DiscoveryMerge.merge(outcome.instances, outcome.hits),
                              elapsed: outcome.elapsed, window: timeout, scanned: scan)
    }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            var report = try await Self.search(timeout: timeout, interfaceName: interfaceName, scan: scan, expect: expect, in: env)
            if let expect, report.stations.count < expect {
                let failure = CommandFailure(
                    status: .communication, code: "discover.expect.unmet",
                    message: "found \(report.stations.count) of the \(expect) expected stations in "
                        + DiscoverReport.seconds(timeout),
                    hint: "check the subnet and that UDP 5353 is not blocked; or raise --timeout")
                report.failure = failure
                // The failure as text on stderr; the document (stations found, and the failure) on stdout.
                var text = env
                text.json = false
                ReportOutput.emit(failure, in: text)
                if env.json { try ReportOutput.emit(report, in: env) }
                return failure.status
            }
            if report.stations.isEmpty, env.json {
                env.console.err(DiscoverReport.emptyAdvice(window: timeout, scanned: scan))
            }
            try ReportOutput.emit(report, in: env)
            return .success
        }
    }
}
