import Testing
@testable import DNSSD

@Suite struct ResponderTests {
    static func makeResponder() throws -> DNSSDResponder {
        let station = Stations.newStation
        return DNSSDResponder(service: try DNSSDServiceDescription(
            instanceName: "ACE0001234", serviceType: DNSSDServiceType.alfen,
            hostName: try DNSName("ng910-60023-1234567.local"), port: 443,
            ipv4Address: IPv4Address(192, 168, 0, 21), txt: try #require(station.txt)))
    }

    func query(_ name: DNSName, _ type: DNSRecordType, id: UInt16 = 0) -> DNSMessage {
        DNSMessage(id: id, questions: [DNSQuestion(name: name, type: type)])
    }

    @Test func recordsCarryRFC6762TTLsAndFlags() throws {
        let responder = try Self.makeResponder()
        #expect(responder.records.map(\.type) == [.ptr, .srv, .txt, .a])
        #expect(responder.records.map(\.ttl) == [4500, 120, 4500, 120])
        #expect(responder.records.map(\.cacheFlush) == [false, true, true, true])
        #expect(responder.serviceRecord.data == .srv(priority: 0, weight: 0, port: 443,
                                                       target: try DNSName("ng910-60023-1234567.local")))
    }

    @Test func pointerQueryGetsPointerAndAdditionals() throws {
        let responder = try Self.makeResponder()
        let response = try #require(responder.response(to: DNSMessage.browseQuery()))
        #expect(response.id == 0 && response.questions.isEmpty)
        #expect(response.flags == [.response, .authoritativeAnswer])
        #expect(response.answers == [responder.pointerRecord])
        #expect(response.additionals == [responder.serviceRecord, responder.textRecord, responder.addressRecord])
    }

    @Test func directQueriesGetThatRecord() throws {
        let responder = try Self.makeResponder()
        let instance = responder.service.name, host = responder.service.hostName
        let srv = try #require(responder.response(to: query(instance, .srv)))
        #expect(srv.answers == [responder.serviceRecord])
        #expect(srv.additionals == [responder.addressRecord])
        #expect(responder.response(to: query(instance, .txt))?.answers == [responder.textRecord])
        #expect(responder.response(to: query(host, .a))?.answers == [responder.addressRecord])
        #expect(responder.response(to: query(host, .a))?.additionals == [])
        #expect(responder.response(to: query(instance, .any))?.answers
            == [responder.serviceRecord, responder.textRecord])
        let upper = try DNSName("NG910-60023-1234567.LOCAL")
        #expect(responder.response(to: query(upper, .a))?.answers == [responder.addressRecord])
        #expect(responder.response(to: query(DNSSDServiceType.enumeration, .ptr))?.answers
            == [responder.enumerationRecord])
    }

    @Test func unrelatedQueriesAndResponsesGetNothing() throws {
        let responder = try Self.makeResponder()
        #expect(responder.response(to: query(DNSSDServiceType.lolo3, .ptr)) == nil)
        #expect(responder.response(to: query(responder.service.hostName, .aaaa)) == nil)
        #expect(responder.response(to: query(responder.service.name, .a)) == nil)
        var answer = query(DNSSDServiceType.alfen, .ptr)
        answer.flags = [.response]
        #expect(responder.response(to: answer) == nil)
        var chaos = query(DNSSDServiceType.alfen, .ptr)
        chaos.questions[0].recordClass = DNSRecordClass(rawValue: 3)
        #expect(responder.response(to: chaos) == nil)
    }

    @Test func knownAnswersWithHalfTheirTTLAreSuppressed() throws {
        let responder = try Self.makeResponder()
        var fresh = responder.pointerRecord
        fresh.ttl = 2250
        #expect(responder.response(to: DNSMessage.browseQuery(knownAnswers: [fresh])) == nil)
        fresh.ttl = 2249
        #expect(responder.response(to: DNSMessage.browseQuery(knownAnswers: [fresh]))?.answers
            == [responder.pointerRecord])
    }

    @Test func legacyUnicastEchoesIdAndQuestionsWithShortTTLs() throws {
        let responder = try Self.makeResponder()
        let one = DNSMessage.browseQuery(unicastResponse: true, id: 0xBEEF)
        let response = try #require(responder.response(to: one, legacyUnicast: true))
        #expect(response.id == 0xBEEF)
        #expect(response.questions == one.questions)
        let records = response.answers + response.additionals
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.ttl == 10 && !$0.cacheFlush })
    }

    @Test func announcementAndGoodbye() throws {
        let responder = try Self.makeResponder()
        let announcement = responder.announcement()
        #expect(announcement.flags == [.response, .authoritativeAnswer])
        #expect(announcement.answers == responder.records && announcement.additionals.isEmpty)
        let goodbye = responder.goodbye()
        #expect(goodbye.answers.map(\.ttl) == [0, 0, 0, 0])
        #expect(goodbye.answers.map(\.data) == responder.records.map(\.data))
    }

    @Test func instanceNameMustFitALabel() {
        #expect(throws: DNSMessageError.invalidLabel(length: 64)) {
            try DNSSDServiceDescription(instanceName: String(repeating: "x", count: 64),
                                        serviceType: DNSSDServiceType.alfen, hostName: .root, port: 1,
                                        ipv4Address: IPv4Address(rawValue: 1), txt: DNSTXT(strings: []))
        }
    }
}
