import ChargeIO
import DNSSD
import Synchronization

/// Publishes the site's stations as `_alfen._tcp` on one interface (alfen-station.md §3, SPEC §5): TXT
/// `identity`, `scnnetwork`, `type`, `fwversion`, `euaenabled`, `euaconfigured`; SRV host
/// `<model>-<object number>.local`, port 443 (the HTTPS API's). When a reboot changes what a station advertises
/// (its SCN name) the group is republished: goodbye, then a fresh announcement.
final class MDNSPublisher: Sendable {
    private let stations: [VirtualStation]
    private let interface: MDNSInterface
    private let address: IPv4Address
    private let onEvent: @Sendable (VirtualSiteEvent) -> Void
    private let current = Mutex<(published: [String], stop: AsyncStream<Void>.Continuation?, ended: Bool)>(([], nil, false))

    init(stations: [VirtualStation], interface: MDNSInterface, address: IPv4Address,
         onEvent: @escaping @Sendable (VirtualSiteEvent) -> Void) {
        self.stations = stations
        self.interface = interface
        self.address = address
        self.onEvent = onEvent
    }

    /// The TXT record of a station as it runs now.
    static func txt(_ station: VirtualStation) -> DNSTXT {
        let identity = station.identity
        let types = identity.sockets == 2 ? "2.1.1" : "1.1"
        return DNSTXT(attributes: [
            (key: "identity", value: identity.identity),
            (key: "scnnetwork", value: station.store.effectiveValue("SCN-NetworkName") ?? ""),
            (key: "type", value: types), (key: "fwversion", value: identity.firmware),
            (key: "euaenabled", value: "0"), (key: "euaconfigured", value: "0"),
        ])
    }

    func group() throws -> DNSSDResponderGroup {
        DNSSDResponderGroup(try stations.map { station in
            let host = try DNSName(labels: [station.identity.hostLabel, "local"])
            let service = try DNSSDServiceDescription(instanceName: station.identity.identity, serviceType: DNSSDServiceType.alfen,
                                                      hostName: host, port: 443, ipv4Address: address, txt: Self.txt(station))
            return DNSSDResponder(service: service)
        })
    }

    private var advertised: [String] { stations.map { $0.store.effectiveValue("SCN-NetworkName") ?? "" } }

    /// Republishes when what the stations advertise changed since the last publication.
    func refreshIfChanged() {
        let now = advertised
        let stop = current.withLock { state -> AsyncStream<Void>.Continuation? in
            guard state.published != now else { return nil }
            return state.stop
        }
        stop?.finish()
    }

    /// Publishes until cancelled or `stop()`; each republication is one run of the responder.
    func run() async {
        let runner = MDNSResponderRunner()
        var first = true
        while !Task.isCancelled {
            let (stopStream, stop) = AsyncStream.makeStream(of: Void.self)
            let published = advertised
            let ended = current.withLock { state -> Bool in
                state.published = published
                state.stop = stop
                return state.ended
            }
            if ended { return }
            do {
                let services = try group()
                let count = services.responders.count
                let interfaceName = interface.name
                let announce = first
                try await runner.run(services, on: interface, stop: stopStream) { [onEvent] in
                    if announce { onEvent(.mdnsAdvertising(interface: interfaceName, stations: count)) }
                }
            } catch {
                onEvent(.mdnsFailed(reason: "\(error)"))
                return
            }
            first = false
        }
    }

    func stop() {
        let stop = current.withLock { state -> AsyncStream<Void>.Continuation? in
            state.ended = true
            return state.stop
        }
        stop?.finish()
    }
}
