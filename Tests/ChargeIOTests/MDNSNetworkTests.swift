@testable import ChargeIO
import DNSSD
import Testing

@Suite struct MDNSNetworkTests {
    @Test func parsesNetworksAndListsTheirHosts() throws {
        let network = try IPv4Network("192.168.1.77/24")
        #expect(network.description == "192.168.1.0/24")
        #expect(network.hosts.count == 254)
        #expect(network.hosts.first == IPv4Address(192, 168, 1, 1) && network.hosts.last == IPv4Address(192, 168, 1, 254))
        #expect(try IPv4Network("10.0.0.4/31").hosts == [IPv4Address(10, 0, 0, 4), IPv4Address(10, 0, 0, 5)])
        #expect(try IPv4Network("10.0.0.9").hosts == [IPv4Address(10, 0, 0, 9)])
        #expect(try IPv4Network("10.1.0.0/16").hosts.count == 65_534)
    }

    @Test(arguments: ["", "10.0.0.0/", "10.0.0.0/33", "10.0.0/24", "10.0.0.0/8", "a.b.c.d/24", "10.0.0.0/24/1"])
    func rejectsBadNetworks(_ text: String) {
        #expect(throws: MDNSError.self) { try IPv4Network(text) }
    }

    @Test func selectsInterfacesByName() throws {
        let all = [MDNSInterface(name: "lo", address: IPv4Address(127, 0, 0, 1), isLoopback: true),
                   MDNSInterface(name: "eth0", address: IPv4Address(192, 168, 1, 5))]
        #expect(try MDNSInterface.select(nil, from: all) == all)
        #expect(try MDNSInterface.select("eth0", from: all) == [all[1]])
        #expect(throws: MDNSError.unknownInterface(name: "wlan0", available: ["lo", "eth0"])) {
            try MDNSInterface.select("wlan0", from: all)
        }
        #expect(throws: MDNSError.noInterfaces) { try MDNSInterface.select(nil, from: []) }
    }

    @Test func theLoopbackInterfaceIsListed() {
        let loopback = MDNSInterface.all().first { $0.isLoopback }
        #expect(loopback?.address == IPv4Address(127, 0, 0, 1))
    }
}
