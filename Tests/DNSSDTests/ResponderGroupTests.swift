import NIOCore
import Testing
@testable import DNSSD

/// Many instances answered from one socket: every instance's records reach the browser, in packets that fit.
@Suite struct ResponderGroupTests {
    static func group(count: Int, maxMessageBytes: Int = 1472) throws -> DNSSDResponderGroup {
        DNSSDResponderGroup(try (0..<count).map { index in
            let txt = DNSTXT(attributes: [(key: "identity", value: "ACE\(9_000_000 + index)"),
                                          (key: "scnnetwork", value: ""), (key: "type", value: "2.1.3"),
                                          (key: "fwversion", value: "5.2.1-4312")])
            return DNSSDResponder(service: try DNSSDServiceDescription(
                instanceName: "ACE\(9_000_000 + index)", serviceType: DNSSDServiceType.alfen,
                hostName: try DNSName("ng910-60023-\(1_000_000 + index).local"), port: 443,
                ipv4Address: IPv4Address(10, 0, 0, UInt8(index % 250 + 1)), txt: txt))
        }, maxMessageBytes: maxMessageBytes)
    }

    func size(_ message: DNSMessage) throws -> Int { try DNSMessageEncoder().encode(message).readableBytes }

    @Test func fiftyStationsFitInFewPacketsUnderTheMTUAndAllResolve() throws {
        let group = try Self.group(count: 50)
        let packets = group.responses(to: .browseQuery())
        #expect(packets.count > 1 && packets.count < 50, "packed, but more than one 1472-byte packet")
        for packet in packets { #expect(try size(packet) <= 1472) }
        var reducer = DNSSDBrowseReducer()
        for packet in packets {
            reducer.apply(try DNSMessageDecoder().decode(DNSMessageEncoder().encode(packet)))
        }
        #expect(reducer.resolvedInstances.count == 50)
        #expect(Set(reducer.resolvedInstances.compactMap(\.identity)).count == 50)
    }

    @Test func legacyRepliesEchoTheQueryInEveryPacket() throws {
        let group = try Self.group(count: 30)
        let query = DNSMessage.browseQuery(unicastResponse: true, id: 0x4242)
        let packets = group.responses(to: query, legacyUnicast: true)
        #expect(packets.count > 1)
        for packet in packets {
            #expect(packet.id == 0x4242 && packet.questions == query.questions)
            #expect((packet.answers + packet.additionals).allSatisfy { $0.ttl <= 10 && !$0.cacheFlush })
        }
    }

    @Test func aQueryForOneInstanceGetsOnlyThatInstance() throws {
        let group = try Self.group(count: 5)
        let name = try DNSName("ACE9000003._alfen._tcp.local")
        let packets = group.responses(to: DNSMessage(questions: [DNSQuestion(name: name, type: .txt)]))
        #expect(packets.count == 1)
        #expect(packets.first?.answers.map(\.name) == [name])
        #expect(group.responses(to: DNSMessage(questions: [DNSQuestion(name: try DNSName("_http._tcp.local"),
                                                                        type: .ptr)])).isEmpty)
    }

    @Test func sharedRecordsAreSentOncePerPacket() throws {
        let one = try Self.group(count: 1).responders[0]
        var twin = one
        twin.service = try DNSSDServiceDescription(instanceName: "Twin", serviceType: DNSSDServiceType.alfen,
                                                   hostName: one.service.hostName, port: 443,
                                                   ipv4Address: one.service.ipv4Address, txt: one.service.txt)
        let packets = DNSSDResponderGroup([one, twin]).announcements()
        #expect(packets.count == 1)
        let records = (packets.first?.answers ?? []) + (packets.first?.additionals ?? [])
        #expect(records.filter { $0.type == .a }.count == 1, "one host, one A record")
        #expect(records.filter { $0.type == .ptr }.count == 2)
    }

    @Test func goodbyesCoverEveryRecordWithTTLZero() throws {
        let group = try Self.group(count: 20)
        let goodbyes = group.goodbyes()
        let records = goodbyes.flatMap(\.answers)
        #expect(records.count == 80)
        #expect(records.allSatisfy { $0.ttl == 0 })
        var reducer = DNSSDBrowseReducer()
        for packet in group.announcements() { reducer.apply(packet) }
        #expect(reducer.resolvedInstances.count == 20)
        for packet in goodbyes { reducer.apply(packet) }
        #expect(reducer.instances.isEmpty)
    }

    @Test func aMessageTooLargeForOnePacketStillGoesOutAlone() throws {
        let group = try Self.group(count: 3, maxMessageBytes: 40)
        #expect(group.announcements().count == 3)
    }
}
