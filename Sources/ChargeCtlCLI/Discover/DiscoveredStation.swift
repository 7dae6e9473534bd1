import ChargeIO
import DNSSD

/// One row of `discover`: the SPEC.md §7 station object.
struct DiscoveredStation: Hashable, Sendable {
    enum Source: String, Sendable { case mdns, scan }

    var identity: String?
    var address: IPv4Address
    var hostname: String?
    var port: Int?
    var service: String?
    var objectNumber: String?
    var scnNetwork: String?
    var sockets: Int?
    var firmware: String?
    var source: Source

    /// Issue 15: the link the station offers — `https` (`_alfen._tcp`, firmware ≥ 5, or port 443 open),
    /// `http-legacy` (`_lolo3._http._tcp`, the older generation: not supported yet), nil when unknown.
    var link: String? {
        if let service {
            if service.contains("_alfen") { return "https" }
            if service.contains("_lolo3") { return "http-legacy" }
        }
        return port == 443 ? "https" : nil
    }

    /// A resolved instance with an IPv4 address (SPEC.md §7: `host` is an IPv4 address); nil otherwise.
    init?(_ instance: DNSServiceInstance) {
        guard let address = instance.ipv4Addresses.first else { return nil }
        identity = instance.identity
        self.address = address
        hostname = instance.hostName.map { $0.description }
        port = instance.port.map(Int.init)
        service = instance.service
        objectNumber = instance.objectNumber
        scnNetwork = instance.scnNetwork
        sockets = instance.sockets
        firmware = instance.firmware
        source = .mdns
    }

    /// A host that only answered the TCP probe: the HTTPS port when open (firmware ≥ 5), else Modbus.
    init(_ hit: TCPScanHit) {
        address = hit.address
        port = hit.openPorts.contains(443) ? 443 : hit.openPorts.first
        source = .scan
    }
}

extension DiscoveredStation: Encodable {
    enum Keys: String, CodingKey {
        case identity, host, hostname, port, service, objectNumber, scnNetwork, sockets, firmware, source, link
    }

    /// Every key is always present, null when unknown (SPEC.md §7: `scnNetwork` null when none).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(identity, forKey: .identity)
        try container.encode(address.description, forKey: .host)
        try container.encode(hostname, forKey: .hostname)
        try container.encode(port, forKey: .port)
        try container.encode(service, forKey: .service)
        try container.encode(objectNumber, forKey: .objectNumber)
        try container.encode(scnNetwork, forKey: .scnNetwork)
        try container.encode(sockets, forKey: .sockets)
        try container.encode(firmware, forKey: .firmware)
        try container.encode(source.rawValue, forKey: .source)
        try container.encode(link, forKey: .link)
    }
}

/// Folds what mDNS and the scan found into one list, each station once, sorted by address.
enum DiscoveryMerge {
    /// One station per identity (or instance name when it has none): a station seen on two interfaces, or
    /// under both service types, is one row, the `_alfen._tcp` one when both exist. A scan hit at an address
    /// mDNS already reported adds nothing.
    static func merge(_ instances: [DNSServiceInstance], _ hits: [TCPScanHit]) -> [DiscoveredStation] {
        var byKey: [String: DiscoveredStation] = [:]
        let ordered = instances.sorted { lhs, rhs in
            (lhs.serviceType == DNSSDServiceType.alfen ? 0 : 1, lhs) < (rhs.serviceType == DNSSDServiceType.alfen ? 0 : 1, rhs)
        }
        for instance in ordered {
            guard let station = DiscoveredStation(instance) else { continue }
            let key = station.identity.map { "id:" + $0.lowercased() } ?? "name:" + instance.name.description.lowercased()
            if byKey[key] == nil { byKey[key] = station }
        }
        var stations = Array(byKey.values)
        let known = Set(stations.map(\.address))
        stations += hits.filter { !known.contains($0.address) }.map(DiscoveredStation.init)
        return stations.sorted { ($0.address, $0.identity ?? "", $0.hostname ?? "") < ($1.address, $1.identity ?? "", $1.hostname ?? "") }
    }
}
