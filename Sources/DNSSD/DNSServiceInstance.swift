/// One DNS-SD service instance as a browser has assembled it from PTR, SRV, TXT and address records
/// (RFC 6763 §4–§6). Fields stay nil or empty until their record arrives.
public struct DNSServiceInstance: Hashable, Sendable {
    /// The full instance name, `<Instance>.<Service>.<Domain>` (RFC 6763 §4.1).
    public var name: DNSName
    public var serviceType: DNSName
    /// The SRV target.
    public var hostName: DNSName?
    public var port: UInt16?
    /// A records of the host, ascending.
    public var ipv4Addresses: [IPv4Address]
    /// AAAA records of the host, ascending.
    public var ipv6Addresses: [IPv6Address]
    /// The TXT record as received; nil until one arrives.
    public var txt: DNSTXT?

    public init(name: DNSName, serviceType: DNSName, hostName: DNSName? = nil, port: UInt16? = nil,
                ipv4Addresses: [IPv4Address] = [], ipv6Addresses: [IPv6Address] = [], txt: DNSTXT? = nil) {
        self.name = name
        self.serviceType = serviceType
        self.hostName = hostName
        self.port = port
        self.ipv4Addresses = ipv4Addresses
        self.ipv6Addresses = ipv6Addresses
        self.txt = txt
    }

    /// The user-visible instance label, e.g. `ACE0001234`.
    public var instanceName: String { name.firstLabel ?? "" }

    /// `"_alfen._tcp"` or `"_lolo3._http._tcp"`, the `service` field of `discover`.
    public var service: String { DNSSDServiceType.shortName(of: serviceType) }

    /// TXT attributes by lower-cased key; a boolean key maps to "".
    public var attributes: [String: String] { txt?.dictionary ?? [:] }

    /// Usable for a connection: SRV (host and port), at least one address of that host, and the TXT record that
    /// RFC 6763 §6 requires of every instance.
    public var isResolved: Bool {
        hostName != nil && port != nil && !(ipv4Addresses.isEmpty && ipv6Addresses.isEmpty) && txt != nil
    }
}

extension DNSServiceInstance: Comparable {
    /// Deterministic output order: by IPv4 address, then IPv6 address (instances without one last), then name.
    public static func < (lhs: DNSServiceInstance, rhs: DNSServiceInstance) -> Bool {
        if let order = ascending(lhs.ipv4Addresses.first, rhs.ipv4Addresses.first) { return order }
        if let order = ascending(lhs.ipv6Addresses.first, rhs.ipv6Addresses.first) { return order }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        return lhs.serviceType < rhs.serviceType
    }

    /// nil when equal; a present value sorts before an absent one.
    private static func ascending<T: Comparable>(_ lhs: T?, _ rhs: T?) -> Bool? {
        switch (lhs, rhs) {
        case let (left?, right?): left == right ? nil : left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): nil
        }
    }
}
