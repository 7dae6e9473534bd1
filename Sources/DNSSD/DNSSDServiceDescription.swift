/// A service instance as its owner advertises it: what the simulator's stations announce
/// (SPEC.md §5: "the simulator advertises exactly this way").
public struct DNSSDServiceDescription: Hashable, Sendable {
    /// `<Instance>.<Service>.<Domain>` (RFC 6763 §4.1), built and checked once in `init`.
    public let name: DNSName
    public var serviceType: DNSName { name.parent }
    /// The SRV target, e.g. `ng910-60023-1234567.local`: its last dash-separated part is the object number.
    public var hostName: DNSName
    public var port: UInt16
    public var ipv4Address: IPv4Address
    public var txt: DNSTXT

    /// Fails when the instance label is empty, over 63 bytes, or makes the full name longer than 255 bytes
    /// (RFC 1035 §2.3.4, RFC 6763 §4.1.1).
    public init(instanceName: String, serviceType: DNSName, hostName: DNSName, port: UInt16,
                ipv4Address: IPv4Address, txt: DNSTXT) throws(DNSMessageError) {
        name = try serviceType.prepending(instanceName)
        self.hostName = hostName
        self.port = port
        self.ipv4Address = ipv4Address
        self.txt = txt
    }

    /// The instance label, e.g. `ACE0001234`.
    public var instanceName: String { name.firstLabel ?? "" }
}

extension DNSMessage {
    /// The query a browser sends: one PTR question per service type (RFC 6763 §4.1), id 0 (RFC 6762 §18.1).
    ///
    /// `unicastResponse` sets the QU bit, asking responders to reply by unicast (RFC 6762 §5.4), as a one-shot
    /// query from an ephemeral port does anyway (§5.1, §6.7). `knownAnswers` are PTR records the browser already
    /// holds, which responders then leave out (known-answer suppression, RFC 6762 §7.1).
    public static func browseQuery(serviceTypes: [DNSName] = DNSSDServiceType.stations,
                                   unicastResponse: Bool = false, id: UInt16 = 0,
                                   knownAnswers: [DNSResourceRecord] = []) -> DNSMessage {
        DNSMessage(
            id: id,
            questions: serviceTypes.map { DNSQuestion(name: $0, type: .ptr, unicastResponse: unicastResponse) },
            answers: knownAnswers)
    }
}
