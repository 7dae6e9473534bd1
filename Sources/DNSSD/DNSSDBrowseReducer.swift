/// Folds mDNS responses into service instances of the watched service types: the pure core of `discover`
/// (ARCHITECTURE.md, "Pure browse reducer").
///
/// Records are kept per kind, keyed by owner name, so they may arrive in any order and split over any number of
/// packets: an instance is assembled whenever `instances` is read. There is no clock here; a record with TTL 0
/// is a goodbye and removes what it names (RFC 6762 §10.1), and expiry of other TTLs is left to the caller,
/// who can start a fresh reducer per browse window.
public struct DNSSDBrowseReducer: Equatable, Sendable {
    struct Service: Equatable, Sendable {
        var port: UInt16
        var target: DNSName
    }

    /// The service types whose instances are collected.
    public let serviceTypes: [DNSName]
    /// Service type → instance names, from PTR records.
    var pointers: [DNSName: Set<DNSName>] = [:]
    /// Instance name → SRV, only for instances of a watched type.
    var services: [DNSName: Service] = [:]
    /// Instance name → TXT, only for instances of a watched type.
    var texts: [DNSName: DNSTXT] = [:]
    /// Host name → addresses, for any host: the SRV naming it may come later.
    var ipv4: [DNSName: Set<IPv4Address>] = [:]
    var ipv6: [DNSName: Set<IPv6Address>] = [:]

    public init(serviceTypes: [DNSName] = DNSSDServiceType.stations) {
        self.serviceTypes = serviceTypes
    }

    /// Every instance known so far (from a PTR or an SRV record), resolved or not, in `DNSServiceInstance` order.
    public var instances: [DNSServiceInstance] {
        var names: Set<DNSName> = Set(services.keys)
        for instances in pointers.values { names.formUnion(instances) }
        return names.map(instance(named:)).sorted()
    }

    /// Only the instances with SRV, TXT and an address: what `discover` lists.
    public var resolvedInstances: [DNSServiceInstance] {
        instances.filter(\.isResolved)
    }

    /// The reducer after one more message.
    public func applying(_ message: DNSMessage) -> DNSSDBrowseReducer {
        var copy = self
        copy.apply(message)
        return copy
    }

    private func instance(named name: DNSName) -> DNSServiceInstance {
        let service = services[name]
        let host = service?.target
        return DNSServiceInstance(
            name: name, serviceType: name.parent, hostName: host, port: service?.port,
            ipv4Addresses: host.flatMap { ipv4[$0] }.map { $0.sorted() } ?? [],
            ipv6Addresses: host.flatMap { ipv6[$0] }.map { $0.sorted() } ?? [],
            txt: texts[name])
    }
}
