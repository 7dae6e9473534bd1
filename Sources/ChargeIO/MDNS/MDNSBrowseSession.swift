import DNSSD
import NIOCore

/// The decisions of one browse window with no socket and no clock, so they are tested with plain values: what
/// to ask and when, what an answer adds, when to stop. `MDNSBrowser` runs it.
public struct MDNSBrowseSession: Sendable {
    public enum Action: Hashable, Sendable {
        case send(DNSMessage)
        /// `expect` stations are resolved: stop before the window ends.
        case finish
    }

    public private(set) var reducer: DNSSDBrowseReducer
    public let expect: Int?
    /// When set, only instances whose TXT `identity` is one of these count and are reported: a browse for one
    /// site's stations is neither satisfied nor crowded by another site advertising on the same link.
    public let identities: Set<String>?
    /// Datagrams that did not decode, or responses not from port 5353 (RFC 6762 §6: silently ignored).
    public private(set) var ignoredPackets = 0
    /// PTR answers heard so far, listed in later queries so responders leave them out (RFC 6762 §7.1).
    private var knownPointers: [DNSName: DNSResourceRecord] = [:]
    /// Questions already sent to fill a gap, so one slow responder is not asked on every packet.
    private var asked: Set<DNSQuestion> = []

    public init(serviceTypes: [DNSName] = DNSSDServiceType.stations, expect: Int? = nil, identities: Set<String>? = nil) {
        reducer = DNSSDBrowseReducer(serviceTypes: serviceTypes)
        self.expect = expect
        self.identities = identities
    }

    public var resolved: [DNSServiceInstance] {
        guard let identities else { return reducer.resolvedInstances }
        return reducer.resolvedInstances.filter { $0.identity.map(identities.contains) ?? false }
    }

    /// The first query sets the unicast-response bit (RFC 6762 §5.4): answers come straight back.
    public func start() -> [Action] {
        [.send(.browseQuery(serviceTypes: reducer.serviceTypes, unicastResponse: true))]
    }

    /// A repeated query (RFC 6762 §5.2) with the known answers (§7.1) and a question for every gap.
    public mutating func repeatQuery() -> [Action] {
        var query = DNSMessage.browseQuery(serviceTypes: reducer.serviceTypes,
                                           knownAnswers: knownPointers.keys.sorted().compactMap { knownPointers[$0] })
        query.questions += gaps()
        asked.formUnion(query.questions)
        return [.send(query)]
    }

    /// Folds one datagram in; finishes when enough stations are resolved.
    public mutating func receive(_ datagram: ByteBuffer, sourcePort: Int) -> [Action] {
        guard sourcePort == MDNSSocket.port, let message = try? DNSMessageDecoder().decode(datagram) else {
            ignoredPackets += 1
            return []
        }
        guard message.isResponse else { return [] }
        reducer.apply(message)
        for record in message.answers + message.additionals where record.type == .ptr
            && reducer.serviceTypes.contains(record.name) {
            if case .ptr(let instance) = record.data {
                knownPointers[instance] = record.ttl > 0 ? record : nil
            }
        }
        if let expect, resolved.count >= expect { return [.finish] }
        return []
    }

    /// Shortly after a query: asks at once for what incomplete instances lack. Not on every packet, because a
    /// responder's additionals for many instances arrive over several packets of one burst (RFC 6762 §6, §17)
    /// and asking before the burst ends would only duplicate it.
    public mutating func followUp() -> [Action] {
        let questions = gaps().filter { !asked.contains($0) }
        guard !questions.isEmpty else { return [] }
        asked.formUnion(questions)
        return [.send(DNSMessage(questions: questions))]
    }

    /// SRV and TXT for instances known only by name, A for hosts known only by name (RFC 6763 §12: a responder
    /// normally volunteers them, but a packet may have been lost or truncated).
    func gaps() -> [DNSQuestion] {
        var questions: [DNSQuestion] = []
        for instance in reducer.instances where !instance.isResolved {
            if instance.hostName == nil { questions.append(DNSQuestion(name: instance.name, type: .srv)) }
            if instance.txt == nil { questions.append(DNSQuestion(name: instance.name, type: .txt)) }
            if let host = instance.hostName, instance.ipv4Addresses.isEmpty, instance.ipv6Addresses.isEmpty {
                questions.append(DNSQuestion(name: host, type: .a))
            }
        }
        return questions.reduce(into: []) { unique, question in
            if !unique.contains(question) { unique.append(question) }
        }
    }

    /// How long after a query `followUp` runs: well past a LAN round trip and the 20–120 ms a responder may wait
    /// before a multicast answer (RFC 6762 §6).
    public static let followUpDelay = Duration.milliseconds(150)

    /// Query times from the start of the window: 0, 1, 3, 7 s … (RFC 6762 §5.2: at least one second between the
    /// first two, then at least doubling), the ones before `window`.
    public static func queryTimes(window: Duration) -> [Duration] {
        var times: [Duration] = [.zero]
        var interval = Duration.seconds(1)
        while let last = times.last, last + interval < window, times.count < 32 {
            times.append(last + interval)
            interval *= 2
        }
        return times
    }
}
