@testable import DNSSD
import TestRandom
import Testing

@Suite struct BrowseReducerTests {
    func reduce(_ messages: [DNSMessage], into reducer: DNSSDBrowseReducer = DNSSDBrowseReducer())
        -> DNSSDBrowseReducer {
        messages.reduce(reducer) { $0.applying($1) }
    }

    @Test func capturedPacketResolvesOneStation() throws {
        let message = try DNSMessageDecoder().decode(bytes: StationPacket.bytes)
        #expect(reduce([message]).resolvedInstances == [Stations.newStation])
    }

    @Test(arguments: 0..<200)
    func recordsInAnyOrderAcrossPacketsGiveTheSameStations(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let packets = Stations.packets(Stations.allRecords, using: &rng)
        let reducer = reduce(packets)
        // Ordered by address: 192.168.0.7 before 192.168.0.21.
        #expect(reducer.resolvedInstances == [Stations.oldStation, Stations.newStation], "seed \(seed)")
        #expect(reducer.instances == reducer.resolvedInstances)
    }

    @Test func partialRecordsGiveUnresolvedInstances() {
        let records = Stations.records(of: Stations.newStation)
        let ptrOnly = reduce([Stations.response(answers: [records[0]])])
        #expect(ptrOnly.instances.map(\.name) == [Stations.newStation.name])
        #expect(ptrOnly.instances.first?.hostName == nil)
        #expect(ptrOnly.resolvedInstances.isEmpty)
        // SRV + TXT but no address yet; then the address arrives in a later packet.
        let noAddress = reduce([Stations.response(answers: Array(records[0...2]))])
        #expect(noAddress.instances.first?.port == 443)
        #expect(noAddress.resolvedInstances.isEmpty)
        #expect(noAddress.applying(Stations.response(additionals: [records[3]])).resolvedInstances
            == [Stations.newStation])
        // SRV + address but no TXT: RFC 6763 §6 says every instance has one, so it is not resolved yet.
        #expect(reduce([Stations.response(answers: [records[1], records[3]])]).resolvedInstances.isEmpty)
    }

    @Test func srvWithoutPointerStillListsTheInstance() {
        let records = Stations.records(of: Stations.newStation)
        let reducer = reduce([Stations.response(additionals: Array(records[1...]))])
        #expect(reducer.resolvedInstances == [Stations.newStation])
    }

    @Test func goodbyePointerRemovesTheInstance() {
        let full = reduce([Stations.response(answers: Stations.allRecords)])
        var goodbye = Stations.records(of: Stations.newStation)[0]
        goodbye.ttl = 0
        let after = full.applying(Stations.response(answers: [goodbye]))
        #expect(after.instances == [Stations.oldStation])
        // An old announcement of the PTR alone brings back a bare, unresolved instance, not the old SRV/TXT.
        let again = after.applying(Stations.response(answers: [Stations.records(of: Stations.newStation)[0]]))
        #expect(again.instances.count == 2)
        #expect(again.resolvedInstances == [Stations.oldStation])
    }

    @Test func goodbyeOfSRVOrAddressUnresolves() {
        let full = reduce([Stations.response(answers: Stations.records(of: Stations.newStation))])
        var srv = Stations.records(of: Stations.newStation)[1], address = Stations.records(of: Stations.newStation)[3]
        srv.ttl = 0
        address.ttl = 0
        let noSRV = full.applying(Stations.response(answers: [srv]))
        #expect(noSRV.resolvedInstances.isEmpty)
        #expect(noSRV.instances.first?.hostName == nil)
        let noAddress = full.applying(Stations.response(answers: [address]))
        #expect(noAddress.resolvedInstances.isEmpty)
        #expect(noAddress.instances.first?.ipv4Addresses == [])
    }

    @Test func queriesUnwatchedTypesAndOtherClassesAreIgnored() throws {
        var query = Stations.response(answers: Stations.allRecords)
        query.flags.remove(.response)
        #expect(reduce([query]) == DNSSDBrowseReducer())
        var failed = Stations.response(answers: Stations.allRecords)
        failed.flags.rcode = 3
        #expect(reduce([failed]) == DNSSDBrowseReducer())
        let printer = try DNSName("Printer._ipp._tcp.local")
        let foreign = Stations.response(answers: [
            DNSResourceRecord(name: try DNSName("_ipp._tcp.local"), ttl: 10, data: .ptr(printer)),
            DNSResourceRecord(name: printer, ttl: 10, data: .srv(priority: 0, weight: 0, port: 631,
                                                                 target: try DNSName("printer.local"))),
            // A PTR under a watched type whose target is not an instance of that type.
            DNSResourceRecord(name: DNSSDServiceType.alfen, ttl: 10, data: .ptr(printer)),
        ])
        #expect(reduce([foreign]).instances.isEmpty)
        var chaos = Stations.records(of: Stations.newStation)
        for index in chaos.indices { chaos[index].recordClass = DNSRecordClass(rawValue: 3) }
        #expect(reduce([Stations.response(answers: chaos)]).instances.isEmpty)
    }

    @Test func cacheFlushReplacesAddressesFromEarlierPackets() throws {
        let records = Stations.records(of: Stations.newStation)
        let host = try #require(Stations.newStation.hostName)
        func address(_ last: UInt8, flush: Bool) -> DNSResourceRecord {
            DNSResourceRecord(name: host, ttl: 120, data: .a(IPv4Address(10, 0, 0, last)), cacheFlush: flush)
        }
        let base = reduce([Stations.response(answers: Array(records[0...2]) + [address(1, flush: true)])])
        let added = base.applying(Stations.response(answers: [address(2, flush: false)]))
        #expect(added.instances.first?.ipv4Addresses == [IPv4Address(10, 0, 0, 1), IPv4Address(10, 0, 0, 2)])
        let replaced = added.applying(Stations.response(answers: [address(3, flush: true), address(4, flush: true)]))
        #expect(replaced.instances.first?.ipv4Addresses == [IPv4Address(10, 0, 0, 3), IPv4Address(10, 0, 0, 4)])
    }

    @Test func namesMatchWhateverTheirCase() throws {
        var records = Stations.records(of: Stations.newStation)
        records[0].name = try DNSName("_ALFEN._TCP.LOCAL")
        records[3].name = try DNSName("NG910-60023-1234567.Local")
        #expect(reduce([Stations.response(answers: records)]).resolvedInstances == [Stations.newStation])
    }

    @Test func orderIsByAddressThenName() throws {
        func station(_ label: String, _ v4: [IPv4Address], _ v6: [IPv6Address] = []) throws -> DNSServiceInstance {
            DNSServiceInstance(name: try DNSSDServiceType.alfen.prepending(label), serviceType: DNSSDServiceType.alfen,
                               hostName: try DNSName("h-\(label).local"), port: 443, ipv4Addresses: v4,
                               ipv6Addresses: v6, txt: DNSTXT(strings: [[]]))
        }
        let expected = [
            try station("b", [IPv4Address(10, 0, 0, 2)]), try station("c", [IPv4Address(10, 0, 0, 2)]),
            try station("a", [IPv4Address(10, 0, 0, 10)]), try station("z", [], [Stations.v6]),
        ]
        let records = expected.flatMap(Stations.records(of:))
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            #expect(reduce(Stations.packets(records, using: &rng)).resolvedInstances == expected)
        }
    }
}
