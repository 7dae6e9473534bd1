import ArgumentParser
import ChargeIO
import DNSSD

/// `chargectl advertise`: hidden test and demo entry that publishes stations the way Alfen firmware does
/// (SPEC.md §5, alfen-station.md §3), so `discover` and other browsers have something to find. Loopback by
/// default (SPEC.md §1, network defaults). Runs until --duration ends, or SIGINT/SIGTERM, then says goodbye.
struct Advertise: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        abstract: "Advertise simulated stations over mDNS (test and demo use).", shouldDisplay: false)

    @Option(name: .customLong("interface"), help: "The interface to publish on.")
    var interfaceName = "lo"

    @Option(help: "The A record's address (default: the interface's).")
    var address: String?

    @Option(help: "TXT identity (charge box id); with --count, -01, -02 … are appended.")
    var identity = "ACE0001234"

    @Option(help: "How many stations to publish.")
    var count = 1

    @Option(help: "Object number (the last part of the SRV host name); counts up with --count.")
    var objectNumber = 1_234_567

    @Option(help: "The SRV host name before the object number.")
    var model = "ng910-60023"

    @Option(help: "TXT fwversion.")
    var firmware = "5.2.1-4312"

    @Option(name: .customLong("type"), help: "TXT type: <sockets>.<type1>.<type2>.")
    var socketType = "2.1.3"

    @Option(help: "TXT scnnetwork (empty: in no SCN).")
    var scnNetwork = ""

    @Flag(help: "Publish as _lolo3._http._tcp (firmware below 5) instead of _alfen._tcp.")
    var legacy = false

    @Option(help: "SRV port (default 443, or 80 with --legacy).")
    var port: Int?

    @Option(help: "Seconds to run (default: until interrupted).")
    var duration: Double?

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        await CommandRunner.run(in: env) {
            let interfaces: [MDNSInterface]
            do {
                interfaces = try MDNSInterface.select(interfaceName, from: env.discovery.interfaces())
            } catch let error as MDNSError {
                throw CommandFailure(error)
            }
            guard let interface = interfaces.first else { return .invalidInput }
            let services = try AdvertisedStations(command: self, interfaceAddress: interface.address).group()
            let window = duration.map { Duration.milliseconds(Int(($0 * 1000).rounded())) }
            let count = services.responders.count
            do {
                try await env.discovery.advertise(services, on: interface, duration: window, stop: StopSignals.stream()) {
                    env.console.err("advertising \(count) station\(count == 1 ? "" : "s") on \(interface)\n")
                }
            } catch let error as MDNSError {
                throw CommandFailure(error)
            }
            return .success
        }
    }
}
