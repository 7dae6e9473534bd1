import NIOCore

/// Several service instances answered from one socket, as a virtual site's stations or `advertise --count`
/// publish them: the responses of each `DNSSDResponder`, packed into as few datagrams as fit one packet.
///
/// RFC 6762 §17: a response should fit the link's MTU (1500 on Ethernet, less the IP and UDP headers) and a
/// responder splits a larger answer set over several packets; every packet stands alone because each instance's
/// records stay together.
public struct DNSSDResponderGroup: Hashable, Sendable {
    public var responders: [DNSSDResponder]
    /// Encoded size a packed message may reach: 1500 − 20 (IPv4) − 8 (UDP).
    public var maxMessageBytes: Int

    public init(_ responders: [DNSSDResponder], maxMessageBytes: Int = 1472) {
        self.responders = responders
        self.maxMessageBytes = maxMessageBytes
    }

    /// The responses to `query`, packed; empty when nothing here is asked about (RFC 6762 §6).
    public func responses(to query: DNSMessage, legacyUnicast: Bool = false) -> [DNSMessage] {
        pack(responders.compactMap { $0.response(to: query, legacyUnicast: legacyUnicast) })
    }

    /// Unsolicited announcements of every instance (RFC 6762 §8.3).
    public func announcements() -> [DNSMessage] { pack(responders.map { $0.announcement() }) }

    /// Goodbyes for every instance (RFC 6762 §10.1).
    public func goodbyes() -> [DNSMessage] { pack(responders.map { $0.goodbye() }) }

    /// Greedy packing in order: a message joins the previous packet while the result still fits. A record that
    /// two instances share (the enumeration PTR, one host's A) is sent once per packet.
    func pack(_ messages: [DNSMessage]) -> [DNSMessage] {
        var packets: [DNSMessage] = []
        for message in messages {
            if let last = packets.last {
                let merged = Self.merge(last, message)
                if fits(merged) {
                    packets[packets.count - 1] = merged
                    continue
                }
            }
            packets.append(message)
        }
        return packets
    }

    private func fits(_ message: DNSMessage) -> Bool {
        guard let buffer = try? DNSMessageEncoder().encode(message) else { return false }
        return buffer.readableBytes <= maxMessageBytes
    }

    /// Header and questions of `first` (a legacy reply echoes the same query in each), records of both.
    static func merge(_ first: DNSMessage, _ second: DNSMessage) -> DNSMessage {
        var merged = first
        for record in second.answers where !merged.answers.contains(record) {
            merged.answers.append(record)
        }
        merged.additionals.removeAll { merged.answers.contains($0) }
        for record in second.additionals where !merged.answers.contains(record) && !merged.additionals.contains(record) {
            merged.additionals.append(record)
        }
        return merged
    }
}
