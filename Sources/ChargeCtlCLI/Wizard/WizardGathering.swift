import ChargeIO
import DNSSD
import StationModel

/// What the wizard knows before its first question (SPEC §9): the stations discovery finds (shown as a table to
/// pick from), the meter presets on this machine, and the site file it starts from.
struct WizardGathering {
    let command: WizardCommand
    let env: CLIEnvironment

    func context() async throws -> WizardContext {
        let presets = try MeterPresetCatalog.load(variables: env.variables).sorted.map(\.name)
        let start = try command.site.map { try SiteFiles.site(path: $0) }
        return WizardContext(found: try await found(), presets: presets, startingSite: start)
    }

    private func found() async throws -> [WizardContext.FoundStation] {
        guard !command.noDiscovery else { return [] }
        env.console.err("Looking for stations (\(DiscoverReport.seconds(command.timeout)))…\n")
        let report = try await Discover.search(timeout: command.timeout, interfaceName: command.interfaceName,
                                               scan: command.scan, expect: nil, in: env)
        env.console.err(report.text(colour: env.useColour))
        return report.stations.compactMap { station in
            guard let identity = station.identity else { return nil }
            return WizardContext.FoundStation(id: identity, host: station.address.description,
                                              model: Self.model(hostname: station.hostname), sockets: station.sockets)
        }
    }

    /// A station's mDNS host name is `<model>-<object number>.local` (reference §3): the model when the manual's
    /// table knows it, so its phases need not be asked.
    static func model(hostname: String?) -> String? {
        guard let label = hostname?.split(separator: ".").first else { return nil }
        let parts = label.split(separator: "-")
        guard parts.count >= 2 else { return nil }
        let model = "\(parts[0])-\(parts[1])".uppercased()
        return StationModels.lookup(model).map(\.chargePointModel)
    }
}
