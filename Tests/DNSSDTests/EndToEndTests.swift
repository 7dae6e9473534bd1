import Testing
@testable import DNSSD

/// Responder → wire bytes → decoder → reducer: what the simulator advertises is what `discover` lists.
@Suite struct EndToEndTests {
    func wire(_ message: DNSMessage) throws -> DNSMessage {
        try DNSMessageDecoder().decode(DNSMessageEncoder().encode(message))
    }

    @Test func browseQueryAnsweredOverTheWireYieldsTheStationExactly() throws {
        let responder = try ResponderTests.makeResponder()
        let query = try wire(DNSMessage.browseQuery(unicastResponse: true))
        let response = try #require(responder.response(to: query))
        let reducer = DNSSDBrowseReducer().applying(try wire(response))
        #expect(reducer.resolvedInstances == [Stations.newStation])
        let station = try #require(reducer.resolvedInstances.first)
        #expect(station.identity == "ACE0001234" && station.objectNumber == "1234567" && station.sockets == 2)
        #expect(station.ipv4Addresses.map(\.description) == ["192.168.0.21"])
    }

    @Test func legacyUnicastAnswerAlsoResolves() throws {
        let responder = try ResponderTests.makeResponder()
        let response = try #require(responder.response(to: DNSMessage.browseQuery(id: 9), legacyUnicast: true))
        #expect(DNSSDBrowseReducer().applying(try wire(response)).resolvedInstances == [Stations.newStation])
    }

    @Test func announcementsOfManyStationsThenAGoodbye() throws {
        var responders: [DNSSDResponder] = []
        for index in 1...12 {
            let txt = DNSTXT(["identity": "ACE\(1000 + index)", "scnnetwork": "SCN-A", "type": "2.1.1",
                              "fwversion": "6.1.0-\(index)"])
            responders.append(DNSSDResponder(service: try DNSSDServiceDescription(
                instanceName: "ACE\(1000 + index)", serviceType: index.isMultiple(of: 3) ? DNSSDServiceType.lolo3
                    : DNSSDServiceType.alfen, hostName: try DNSName("ng920-61023-\(900 + index).local"),
                port: index.isMultiple(of: 3) ? 80 : 443, ipv4Address: IPv4Address(10, 0, 1, UInt8(13 - index)),
                txt: txt)))
        }
        var reducer = DNSSDBrowseReducer()
        for responder in responders { reducer.apply(try wire(responder.announcement())) }
        let stations = reducer.resolvedInstances
        #expect(stations.count == 12)
        #expect(stations.map(\.ipv4Addresses.first?.description) == (1...12).map { "10.0.1.\($0)" })
        #expect(stations.first?.identity == "ACE1012" && stations.first?.objectNumber == "912")
        #expect(stations.allSatisfy { $0.scnNetwork == "SCN-A" && $0.sockets == 2 })
        #expect(stations.filter { $0.service == "_lolo3._http._tcp" }.map(\.port) == [80, 80, 80, 80])

        reducer.apply(try wire(responders[0].goodbye()))
        #expect(reducer.instances.count == 11)
        #expect(!reducer.instances.contains { $0.identity == "ACE1001" })
    }
}
