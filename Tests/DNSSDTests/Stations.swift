@testable import DNSSD
import TestRandom

/// Two stations, one per generation, as records and as the instances a browser must assemble from them.
enum Stations {
    static func name(_ text: String) -> DNSName {
        (try? DNSName(text)) ?? .root
    }

    static let newTXT = DNSTXT(attributes: [(key: "identity", value: "ACE0001234"), (key: "scnnetwork", value: ""),
                                            (key: "type", value: "2.1.3"), (key: "fwversion", value: "5.2.1-4312")])
    static let oldTXT = DNSTXT(attributes: [(key: "identity", value: "ACE0005678"),
                                            (key: "scnnetwork", value: "Garage"), (key: "type", value: "1.2"),
                                            (key: "fwversion", value: "4.8.0-3000")])
    static let v6 = IPv6Address(high: 0xFE80_0000_0000_0000, low: 0x0211_22FF_FE33_4455)

    static let newStation = DNSServiceInstance(
        name: name("ACE0001234._alfen._tcp.local"), serviceType: DNSSDServiceType.alfen,
        hostName: name("ng910-60023-1234567.local"), port: 443, ipv4Addresses: [IPv4Address(192, 168, 0, 21)],
        txt: newTXT)
    static let oldStation = DNSServiceInstance(
        name: name("ACE0005678._lolo3._http._tcp.local"), serviceType: DNSSDServiceType.lolo3,
        hostName: name("ng900-60503-7654321.local"), port: 80, ipv4Addresses: [IPv4Address(192, 168, 0, 7)],
        ipv6Addresses: [v6], txt: oldTXT)

    /// Every record of both stations, as their responders would send them.
    static func records(of instance: DNSServiceInstance) -> [DNSResourceRecord] {
        guard let host = instance.hostName, let port = instance.port, let txt = instance.txt else { return [] }
        return [
            DNSResourceRecord(name: instance.serviceType, ttl: 4500, data: .ptr(instance.name)),
            DNSResourceRecord(name: instance.name, ttl: 120, data: .srv(priority: 0, weight: 0, port: port,
                                                                         target: host), cacheFlush: true),
            DNSResourceRecord(name: instance.name, ttl: 4500, data: .txt(txt), cacheFlush: true),
        ] + instance.ipv4Addresses.map { DNSResourceRecord(name: host, ttl: 120, data: .a($0), cacheFlush: true) }
            + instance.ipv6Addresses.map { DNSResourceRecord(name: host, ttl: 120, data: .aaaa($0), cacheFlush: true) }
    }

    static var allRecords: [DNSResourceRecord] { records(of: newStation) + records(of: oldStation) }

    static func response(answers: [DNSResourceRecord] = [], additionals: [DNSResourceRecord] = []) -> DNSMessage {
        DNSMessage(flags: [.response, .authoritativeAnswer], answers: answers, additionals: additionals)
    }

    /// The records shuffled and dealt into 1...n packets, each record randomly an answer or an additional.
    static func packets(_ records: [DNSResourceRecord], using rng: inout SplitMix64) -> [DNSMessage] {
        var remaining = records.shuffled(using: &rng)
        var packets: [DNSMessage] = []
        while !remaining.isEmpty {
            let count = Int.random(in: 1...remaining.count, using: &rng)
            var packet = response()
            for record in remaining.prefix(count) {
                if Bool.random(using: &rng) { packet.answers.append(record) } else { packet.additionals.append(record) }
            }
            remaining.removeFirst(count)
            packets.append(packet)
        }
        return packets
    }
}
