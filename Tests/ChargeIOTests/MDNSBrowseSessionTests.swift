@testable import ChargeIO
import DNSSD
import NIOCore
import Testing

/// The browse decisions with no socket: queries, gap filling, known answers, the early finish.
@Suite struct MDNSBrowseSessionTests {
    static let group = try? DNSSDResponderGroup((0..<3).map { index in
        DNSSDResponder(service: try DNSSDServiceDescription(
            instanceName: "ACE000000\(index)", serviceType: DNSSDServiceType.alfen,
            hostName: try DNSName("ng910-60023-100000\(index).local"), port: 443,
            ipv4Address: IPv4Address(127, 0, 0, 1),
            txt: DNSTXT(attributes: [(key: "identity", value: "ACE000000\(index)")])))
    })

    func bytes(_ message: DNSMessage) throws -> ByteBuffer { try DNSMessageEncoder().encode(message) }

    func sent(_ actions: [MDNSBrowseSession.Action]) -> [DNSMessage] {
        actions.compactMap { if case .send(let message) = $0 { message } else { nil } }
    }

    @Test func theFirstQueryAsksForUnicastForBothServiceTypes() {
        let queries = sent(MDNSBrowseSession().start())
        #expect(queries.count == 1)
        #expect(queries.first?.questions.map(\.name) == [DNSSDServiceType.alfen, DNSSDServiceType.lolo3])
        #expect(queries.first?.questions.allSatisfy { $0.unicastResponse && $0.type == .ptr } == true)
    }

    @Test func queriesFollowRFC6762Spacing() {
        #expect(MDNSBrowseSession.queryTimes(window: .seconds(3)) == [.zero, .seconds(1)])
        #expect(MDNSBrowseSession.queryTimes(window: .seconds(10)) == [.zero, .seconds(1), .seconds(3), .seconds(7)])
        #expect(MDNSBrowseSession.queryTimes(window: .milliseconds(500)) == [.zero])
        #expect(MDNSBrowseSession.queryTimes(window: .seconds(1 << 40)).count == 32, "bounded")
    }

    @Test func finishesAsSoonAsTheExpectedCountResolves() throws {
        let group = try #require(Self.group)
        var session = MDNSBrowseSession(expect: 3)
        let packets = group.responses(to: .browseQuery(), legacyUnicast: true)
        var actions: [MDNSBrowseSession.Action] = []
        for packet in packets { actions = session.receive(try bytes(packet), sourcePort: 5353) }
        #expect(actions == [.finish])
        #expect(session.resolved.count == 3)
    }

    @Test func theFollowUpAsksOnceForWhatAPointerAloneLeftMissing() throws {
        let group = try #require(Self.group)
        let responder = group.responders[0]
        var session = MDNSBrowseSession()
        let onlyPointer = DNSMessage(flags: [.response], answers: [responder.pointerRecord])
        #expect(session.receive(try bytes(onlyPointer), sourcePort: 5353).isEmpty, "no question mid-burst")
        let asked = sent(session.followUp())
        #expect(asked.first?.questions == [DNSQuestion(name: responder.service.name, type: .srv),
                                           DNSQuestion(name: responder.service.name, type: .txt)])
        #expect(session.followUp().isEmpty, "asked once")
        let srv = DNSMessage(flags: [.response], answers: [responder.serviceRecord, responder.textRecord])
        _ = session.receive(try bytes(srv), sourcePort: 5353)
        #expect(sent(session.followUp()).first?.questions == [DNSQuestion(name: responder.service.hostName, type: .a)])
        _ = session.receive(try bytes(DNSMessage(flags: [.response], answers: [responder.addressRecord])),
                            sourcePort: 5353)
        #expect(session.resolved.count == 1)
        #expect(session.followUp().isEmpty, "nothing missing")
    }

    @Test func repeatedQueriesListKnownAnswers() throws {
        let group = try #require(Self.group)
        var session = MDNSBrowseSession()
        for packet in group.announcements() { _ = session.receive(try bytes(packet), sourcePort: 5353) }
        let query = try #require(sent(session.repeatQuery()).first)
        #expect(query.questions.count == 2, "everything resolved: no gap questions")
        #expect(Set(query.answers) == Set(group.responders.map(\.pointerRecord)))
    }

    @Test func ignoresGarbageQueriesAndResponsesFromOtherPorts() throws {
        let group = try #require(Self.group)
        var session = MDNSBrowseSession(expect: 1)
        #expect(session.receive(ByteBuffer(bytes: [0xFF, 0x00, 0x01]), sourcePort: 5353).isEmpty)
        let response = try bytes(group.announcements()[0])
        #expect(session.receive(response, sourcePort: 40_000).isEmpty)
        #expect(session.receive(try bytes(.browseQuery()), sourcePort: 5353).isEmpty)
        #expect(session.ignoredPackets == 2)
        #expect(session.resolved.isEmpty)
    }
}
