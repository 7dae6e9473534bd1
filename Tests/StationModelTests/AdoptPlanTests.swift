import SharedText
import Testing
@testable import StationModel

/// SPEC §3 `adopt`, its pure parts: which ids hold the back office per firmware, what is written, which address
/// of this laptop the station is pointed at, and what `--release` writes back.
@Suite struct AdoptPlanTests {
    @Test(arguments: [
        ("4.8.0-3210", ["2071_1", "2071_2"]), ("5.9.9", ["2071_1", "2071_2"]), ("6.0.0", ["20F0_3"]),
        ("6.4.0-4210", ["20F0_3"]), ("7.1.0", ["20F0_3"]), ("", ["2071_1", "2071_2"]),
    ])
    func theBackOfficeIDsFollowTheFirmware(firmware: String, ids: [String]) {
        #expect(BackOfficeURL.ids(firmware: firmware) == ids)
    }

    @Test func firmwareBeforeSixKeepsTheHostAndThePathApart() {
        let old = BackOfficeURL.wireValues("ws://192.168.1.23:8180/ocpp", firmware: "5.2.1")
        #expect(old.map(\.id) == ["2071_1", "2071_2"])
        #expect(old.map(\.value) == ["ws://192.168.1.23:8180", "/ocpp"])
        let new = BackOfficeURL.wireValues("ws://192.168.1.23:8180/ocpp", firmware: "6.4.0")
        #expect(new.map(\.id) == ["20F0_3"] && new.map(\.value) == ["ws://192.168.1.23:8180/ocpp"])
        // Read back, either generation gives the URL the station dials.
        #expect(BackOfficeURL.url(from: Dictionary(uniqueKeysWithValues: old.map { ($0.id, $0.value) })) == "ws://192.168.1.23:8180/ocpp")
        #expect(BackOfficeURL.url(from: ["2071_1": "backoffice.example:80", "2071_2": "cpo"]) == "ws://backoffice.example:80/cpo")
        #expect(BackOfficeURL.url(from: ["20F0_3": ""]) == nil)
        #expect(BackOfficeURL.url(from: [:]) == nil)
    }

    @Test(arguments: [
        ("ws://192.168.1.23:8180/ocpp", nil), ("wss://cpo.example/ocpp/v16", nil), ("ws://[fe80::1]:8180/ocpp", nil),
        ("WS://10.0.0.1/ocpp", nil), ("http://10.0.0.1/ocpp", "ws://"), ("192.168.1.23:8180", "ws://"),
        ("ws://:8180/ocpp", "no host"), ("ws://10.0.0.1:0/ocpp", "port"), ("ws://10.0.0.1:99999/ocpp", "port"),
        ("ws://10.0.0.1:x/ocpp", "port"), ("ws://10.0.0.1 /ocpp", "spaces"), ("ws://[fe80::1/ocpp", "]"),
    ] as [(String, String?)])
    func aCentralSystemURLIsCheckedBeforeAnythingIsSent(url: String, problem: String?) {
        let found = BackOfficeURL.problem(url)
        if let problem { #expect(found?.contains(problem) == true, "\(url): \(found ?? "accepted")") } else { #expect(found == nil, "\(url)") }
    }

    static let laptop = [
        LocalAddress(interface: "lo", address: IPv4("127.0.0.1")!, prefixLength: 8, isLoopback: true),
        LocalAddress(interface: "wlan0", address: IPv4("10.0.0.5")!, prefixLength: 16),
        LocalAddress(interface: "eth0", address: IPv4("192.168.1.23")!, prefixLength: 24),
        LocalAddress(interface: "eth1", address: IPv4("10.0.7.9")!, prefixLength: 24),
    ]

    @Test(arguments: [
        ("192.168.1.40", "0.0.0.0", "192.168.1.23"),
        ("10.0.7.200", "0.0.0.0", "10.0.7.9"), // the narrowest subnet that holds it
        ("10.0.200.1", "0.0.0.0", "10.0.0.5"),
        ("127.0.3.41", "0.0.0.0", "127.0.0.1"),
        ("192.168.1.40", "192.168.1.23", "192.168.1.23"), // a named listener is what the station must dial
        ("127.0.3.41", "127.0.0.1", "127.0.0.1"),
    ])
    func theStationIsPointedAtThisLaptopsAddressOnItsSubnet(station: String, listen: String, chosen: String) throws {
        let host = try CentralSystemAddress.host(forStation: #require(IPv4(station)), listenHost: listen, addresses: Self.laptop).get()
        #expect(host == chosen)
        #expect(CentralSystemAddress.url(host: host, port: 8180) == "ws://\(chosen):8180/ocpp")
    }

    @Test func aStationOnNoSubnetOfThisLaptopNeedsTheURLGiven() throws {
        let far = try #require(IPv4("172.16.4.4"))
        guard case .failure(let problem) = CentralSystemAddress.host(forStation: far, listenHost: "0.0.0.0", addresses: Self.laptop) else {
            Issue.record("a routed station got an address")
            return
        }
        #expect(problem.message.contains("192.168.1.23/24 (eth0)") && problem.hint.contains("--central-system"))
        // Without prefix lengths nothing can be said to hold it.
        let unknown = Self.laptop.map { LocalAddress(interface: $0.interface, address: $0.address, prefixLength: nil, isLoopback: $0.isLoopback) }
        #expect((try? CentralSystemAddress.host(forStation: try #require(IPv4("192.168.1.40")), listenHost: "::", addresses: unknown).get()) == nil)
        // A loopback listener cannot be dialled from the LAN.
        #expect((try? CentralSystemAddress.host(forStation: try #require(IPv4("192.168.1.40")), listenHost: "127.0.0.1", addresses: Self.laptop).get()) == nil)
    }

    static func backup(_ properties: [String: String], firmware: String) -> AdoptBackup {
        AdoptBackup(station: "ACE0001", host: "192.168.1.40", firmware: firmware, takenAt: "2026-12-06T08:00:00.000Z",
                    properties: properties.keys.sorted().map { .init(id: $0, value: properties[$0]) },
                    centralSystem: "ws://192.168.1.23:8180/ocpp")
    }

    @Test func releaseWritesBackOnlyWhatDiffers() {
        let new = Self.backup(["20F0_3": "wss://cpo.example/ocpp"], firmware: "6.4.0")
        #expect(new.previousURL == "wss://cpo.example/ocpp")
        let writes = new.restoreWrites(firmware: "6.4.0", current: ["20F0_3": "ws://192.168.1.23:8180/ocpp"])
        #expect(writes.map(\.key) == ["20F0_3"] && writes.map(\.value) == ["wss://cpo.example/ocpp"])
        #expect(new.restoreWrites(firmware: "6.4.0", current: ["20F0_3": "wss://cpo.example/ocpp"]).isEmpty)

        let old = Self.backup(["2071_1": "ws://cpo.example:80", "2071_2": "/ocpp"], firmware: "5.2.1")
        let oldWrites = old.restoreWrites(firmware: "5.2.1", current: ["2071_1": "ws://192.168.1.23:8180", "2071_2": "/ocpp"])
        #expect(oldWrites.map(\.key) == ["2071_1"] && oldWrites.map(\.value) == ["ws://cpo.example:80"])
        // Firmware updated to 6 since the adopt: the saved URL goes to the new id.
        let moved = old.restoreWrites(firmware: "6.1.0", current: ["20F0_3": "ws://192.168.1.23:8180/ocpp"])
        #expect(moved.map(\.key) == ["20F0_3"] && moved.map(\.value) == ["ws://cpo.example:80/ocpp"])
        #expect(moved.allSatisfy { !$0.isSecret })
    }

    @Test func theNewestAdoptBackupIsFoundAmongAStationsBackups() {
        let names = ["20261206T080000.000Z.json", "adopt-20261205T080000.000Z.json", "adopt-20261206T070000.000Z.json",
                     "adopt-20261206T070000.000Z.json.tmp-12", "notes.txt"]
        #expect(AdoptBackup.latest(names) == "adopt-20261206T070000.000Z.json")
        #expect(AdoptBackup.latest(["20261206T080000.000Z.json"]) == nil)
        #expect(AdoptBackup.fileName("20261206T080000.000Z.json") == "adopt-20261206T080000.000Z.json")
    }

    /// SPEC §7: `previous` is masked where secret — a back-office URL may carry the operator's credentials.
    @Test(arguments: [
        ("ws://cpo:s3cret@backoffice.example/ocpp", "ws://cpo:***@backoffice.example/ocpp"),
        ("wss://user:p@ss:word@cpo.example:443/ocpp", "wss://user:***@cpo.example:443/ocpp"),
        ("ws://token@cpo.example/ocpp", "ws://token@cpo.example/ocpp"),
        ("ws://192.168.1.23:8180/ocpp", "ws://192.168.1.23:8180/ocpp"),
        ("ws://cpo.example/ocpp?next=a:b@c", "ws://cpo.example/ocpp?next=a:b@c"),
    ])
    func aPasswordInABackOfficeURLIsMasked(url: String, shown: String) {
        #expect(SecretMask.maskingPassword(inURL: url) == shown)
    }
}
