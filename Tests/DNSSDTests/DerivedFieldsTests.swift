import Testing
@testable import DNSSD

@Suite struct DerivedFieldsTests {
    @Test func newGenerationStation() {
        let station = Stations.newStation
        #expect(station.instanceName == "ACE0001234")
        #expect(station.service == "_alfen._tcp")
        #expect(station.identity == "ACE0001234")
        #expect(station.scnNetwork == nil)  // "scnnetwork=" means no SCN
        #expect(station.sockets == 2)
        #expect(station.socketTypes == ["1", "3"])
        #expect(station.firmware == "5.2.1-4312")
        #expect(station.objectNumber == "1234567")
        #expect(station.attributes["type"] == "2.1.3")
    }

    @Test func oldGenerationStation() {
        let station = Stations.oldStation
        #expect(station.service == "_lolo3._http._tcp")
        #expect(station.scnNetwork == "Garage")
        #expect(station.sockets == 1)
        #expect(station.socketTypes == ["2"])
        #expect(station.firmware == "4.8.0-3000")
        #expect(station.objectNumber == "7654321")
    }

    @Test(arguments: [
        ("ng910-60023-1234567.local", "1234567"), ("station-42", "42"), ("station.local", nil),
        ("trailing-.local", nil), ("a-b-c-d.x.y", "d"),
    ] as [(String, String?)])
    func objectNumberIsTheLastDashSeparatedPartOfTheHostLabel(host: String, expected: String?) throws {
        var station = Stations.newStation
        station.hostName = try DNSName(host)
        #expect(station.objectNumber == expected)
    }

    @Test func missingOrMalformedAttributesGiveNil() {
        var station = Stations.newStation
        station.txt = DNSTXT(attributes: [(key: "type", value: "x.1"), (key: "identity", value: "")])
        #expect(station.sockets == nil)
        #expect(station.socketTypes == ["1"])
        #expect(station.identity == nil)
        #expect(station.firmware == nil)
        station.txt = nil
        station.hostName = nil
        #expect(station.sockets == nil && station.socketTypes.isEmpty && station.objectNumber == nil)
        #expect(!station.isResolved)
    }
}
