/// The service types chargectl browses and advertises (SPEC.md §5, alfen-station.md §3).
public enum DNSSDServiceType {
    /// Firmware 5 and later: the HTTPS API on port 443.
    public static let alfen = DNSName(validated: [Array("_alfen".utf8), Array("_tcp".utf8), Array("local".utf8)])
    /// Older NG9xx stations: plain HTTP on port 80. A subtype-style name with an extra `_http` label.
    public static let lolo3 = DNSName(validated: [
        Array("_lolo3".utf8), Array("_http".utf8), Array("_tcp".utf8), Array("local".utf8),
    ])
    /// Both generations, the default set a browser watches.
    public static let stations: [DNSName] = [alfen, lolo3]
    /// The service type enumeration name (RFC 6763 §9): its PTR records list the service types on the link.
    public static let enumeration = DNSName(validated: [
        Array("_services".utf8), Array("_dns-sd".utf8), Array("_udp".utf8), Array("local".utf8),
    ])

    /// The `service` field of `discover`: the type without its domain, `"_alfen._tcp"` (SPEC.md §7).
    public static func shortName(of serviceType: DNSName) -> String {
        let labels = serviceType.labels.last.map { $0 == Array("local".utf8) } == true
            ? Array(serviceType.labels.dropLast()) : serviceType.labels
        return DNSName(validated: labels).description
    }
}
