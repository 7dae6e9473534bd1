import ChargeCtlCLI
import ChargeIO
import DNSSD
import Foundation
import Testing

/// `chargectl discover` in-process against a fake network: the SPEC §7 document, the table, merging, the
/// argument checks and exit codes.
@Suite struct DiscoverCommandTests {
    static let fake = FakeDiscoveryPort(instances: [
        FakeDiscoveryPort.station("ACE0000002", IPv4Address(192, 168, 9, 20), object: "2000002", scn: "Garage"),
        FakeDiscoveryPort.station("ACE0000001", IPv4Address(192, 168, 9, 7), object: "2000001"),
        // The same station under its old service type: listed once, as _alfen._tcp.
        FakeDiscoveryPort.station("ACE0000001", IPv4Address(192, 168, 9, 7), object: "2000001",
                                  service: DNSSDServiceType.lolo3),
    ], hits: [
        TCPScanHit(address: IPv4Address(192, 168, 9, 7), openPorts: [443, 502]),
        TCPScanHit(address: IPv4Address(192, 168, 9, 100), openPorts: [502]),
    ], warnings: [MDNSWarning(interface: "eth9", message: "cannot join 224.0.0.251: test")])

    @Test func jsonListsEachStationOnceSortedByAddressWithEverySpecField() async throws {
        let (status, console) = try await TestCLI.run(["discover", "--json", "--scan", "192.168.9.0/24"],
                                                      discovery: Self.fake)
        #expect(status == .success)
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == true)
        let stations = try #require(document["stations"] as? [[String: Any]])
        #expect(stations.map { $0["host"] as? String } == ["192.168.9.7", "192.168.9.20", "192.168.9.100"])
        let keys: Set = ["identity", "host", "hostname", "port", "service", "objectNumber", "scnNetwork", "sockets",
                         "firmware", "source", "link"]
        for station in stations { #expect(Set(station.keys) == keys) }
        #expect(stations[0]["service"] as? String == "_alfen._tcp")
        #expect(stations[0]["scnNetwork"] is NSNull, "null when in no SCN")
        #expect(stations[1]["scnNetwork"] as? String == "Garage")
        #expect(stations[1]["objectNumber"] as? String == "2000002")
        #expect(stations[1]["hostname"] as? String == "ng910-60023-2000002.local")
        #expect(stations[1]["sockets"] as? Int == 2 && stations[1]["port"] as? Int == 443)
        #expect(stations.map { $0["source"] as? String } == ["mdns", "mdns", "scan"])
        // Issue 15: the link each station offers (`_alfen._tcp` is HTTPS; a Modbus-only scan hit says nothing).
        #expect(stations[0]["link"] as? String == "https")
        #expect(stations[2]["link"] is NSNull)
        #expect(stations[2]["identity"] is NSNull && stations[2]["port"] as? Int == 502)
        #expect(console.stderr == "warning: eth9: cannot join 224.0.0.251: test\n  hint: the other interfaces are still browsed; pick one with --interface IF\n")
    }

    @Test func textIsATableOfStations() async throws {
        let (status, console) = try await TestCLI.run(["discover"], discovery: Self.fake)
        #expect(status == .success)
        let lines = console.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ").map(String.init)
                == ["IDENTITY", "ADDRESS", "OBJECT", "FIRMWARE", "SOCKETS", "SCN", "LINK", "FOUND", "BY"])
        #expect(lines[2].split(separator: " ").map(String.init)
                == ["ACE0000001", "192.168.9.7", "2000001", "5.2.1-4312", "2", "-", "https", "mdns"])
        #expect(lines[3].contains("Garage"))
        #expect(lines.last?.hasPrefix("2 stations found in") == true)
        #expect(!console.stdout.contains("\u{1B}"), "no colour off a terminal")
    }

    /// Issue 15 item 7: `_lolo3._http._tcp` alone is the older HTTP generation — `link` says so, the table says it is
    /// not supported yet and a note says what that means; a scan hit on 443 offers HTTPS.
    @Test func eachStationSaysWhichLinkItOffers() async throws {
        let fake = FakeDiscoveryPort(instances: [
            FakeDiscoveryPort.station("ACE0000301", IPv4Address(192, 168, 9, 31), object: "2000301", service: DNSSDServiceType.lolo3),
            FakeDiscoveryPort.station("ACE0000302", IPv4Address(192, 168, 9, 32), object: "2000302"),
        ], hits: [TCPScanHit(address: IPv4Address(192, 168, 9, 40), openPorts: [443, 502])])
        let (status, console) = try await TestCLI.run(["discover", "--json", "--scan", "192.168.9.0/24"], discovery: fake)
        #expect(status == .success)
        let stations = try #require(try TestCLI.json(console.stdout)["stations"] as? [[String: Any]])
        #expect(stations.map { $0["link"] as? String } == ["http-legacy", "https", "https"])
        #expect(stations.map { $0["port"] as? Int } == [80, 443, 443])
        #expect(stations[0]["service"] as? String == "_lolo3._http._tcp")

        let (_, text) = try await TestCLI.run(["discover", "--scan", "192.168.9.0/24"], discovery: fake)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first { $0.hasPrefix("ACE0000301") }?.contains("http (not supported yet)") == true)
        #expect(lines.first { $0.hasPrefix("ACE0000302") }?.contains("https") == true)
        #expect(lines.last?.hasPrefix("Note: ACE0000301 offers only the older HTTP API") == true)
        let (_, modern) = try await TestCLI.run(["discover"], discovery: Self.fake)
        #expect(!modern.stdout.contains("Note:"), "no note without an old station")
    }

    @Test func theArgumentsReachThePort() async throws {
        let fake = FakeDiscoveryPort()
        _ = try await TestCLI.run(["discover", "--interface", "eth9", "--timeout", "1.5", "--expect", "4",
                                   "--scan", "10.1.2.0/30"], discovery: fake)
        #expect(fake.asked.sorted() == ["browse [\"eth9\"] 1.5 seconds 4", "scan 2 hosts [502, 443]"])
    }

    @Test func anEmptyResultSaysWhatToCheck() async throws {
        let (status, console) = try await TestCLI.run(["discover", "--timeout", "2"], discovery: FakeDiscoveryPort())
        #expect(status == .success)
        #expect(console.stdout.hasPrefix("No stations found in 2.0 s."))
        #expect(console.stdout.contains("same subnet") && console.stdout.contains("UDP port 5353"))
        #expect(console.stdout.contains("--scan"))
        let json = try await TestCLI.run(["discover", "--json"], discovery: FakeDiscoveryPort())
        #expect(try TestCLI.json(json.console.stdout)["stations"] as? [Any] != nil)
        #expect(json.console.stderr.contains("UDP port 5353"))
    }

    @Test func tooFewForExpectExitsThreeWithWhatWasFound() async throws {
        let (status, console) = try await TestCLI.run(["discover", "--json", "--expect", "3"], discovery: Self.fake)
        #expect(status == .communication)
        let document = try TestCLI.json(console.stdout)
        #expect(document["ok"] as? Bool == false)
        #expect((document["error"] as? [String: Any])?["code"] as? String == "discover.expect.unmet")
        #expect((document["stations"] as? [Any])?.count == 2)
        #expect(console.stderr.contains("found 2 of the 3 expected stations"))
    }

    @Test(arguments: [
        (["discover", "--timeout", "0"], "discover.timeout.invalid"),
        (["discover", "--timeout", "nan"], "discover.timeout.invalid"),
        (["discover", "--expect", "0"], "discover.expect.invalid"),
        (["discover", "--scan", "10.0.0.0/8"], "discover.scan.invalid"),
        (["discover", "--scan", "192.168.1"], "discover.scan.invalid"),
        (["discover", "--interface", "wlan7"], "discover.interface.unknown"),
    ])
    func badArgumentsExitTwoAndSendNothing(_ arguments: [String], _ code: String) async throws {
        let fake = FakeDiscoveryPort()
        let (status, console) = try await TestCLI.run(arguments + ["--json"], discovery: fake)
        #expect(status == .invalidInput)
        #expect((try TestCLI.json(console.stdout)["error"] as? [String: Any])?["code"] as? String == code)
        #expect(fake.asked.isEmpty)
    }

    @Test func withoutAnInjectedNetworkTheCommandRefusesLoudly() async throws {
        let (status, _, _) = try await TestCLI.run(["discover", "--json"])
        #expect(status == .communication)
    }

    @Test func advertiseBuildsOneResponderPerStation() async throws {
        let fake = FakeDiscoveryPort()
        let (status, console) = try await TestCLI.run(["advertise", "--count", "7", "--duration", "1"], discovery: fake)
        #expect(status == .success)
        #expect(fake.asked == ["advertise 7 on lo"])
        #expect(console.stderr == "advertising 7 stations on lo (127.0.0.1)\n")
        let bad = try await TestCLI.run(["advertise", "--count", "0"], discovery: fake)
        #expect(bad.status == .invalidInput)
    }
}
