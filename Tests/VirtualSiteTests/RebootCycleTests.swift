import ChargeIO
import OCPP16
import StationModel
import Synchronization
import Testing
@testable import VirtualSite

/// A virtual station against the real central system on 127.0.0.1:0: configure, Reset, reconnect and boot.
/// Waits are bounds, never assertions on time.
@Suite(.serialized) struct RebootCycleTests {
    static let wait = Swift.Duration.seconds(20)

    static func withSite<T: Sendable>(passwords: [String: String] = [:],
                                      _ body: (CentralSystem, RunningVirtualSite, EventLog) async throws -> T) async throws -> T {
        let id = "ACE0001234"
        let central = try await CentralSystem.start(CentralSystemConfiguration(
            host: "127.0.0.1", port: 0, stations: [id], passwords: passwords, callTimeout: .seconds(10), handshakeTimeout: .seconds(5)))
        let port = central.listeningAddress.split(separator: ":").last.flatMap { Int($0) } ?? 0
        let log = EventLog()
        let options = VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil, ocppPasswords: passwords) { log.add($0) }
        let site: RunningVirtualSite
        do {
            site = try await VirtualSiteRunner.start(site: Fixtures.oneStationSite(id: id), scenario: Fixtures.chargingScenario,
                                                     ocppURL: "ws://127.0.0.1:\(port)/ocpp", options: options)
        } catch {
            await central.shutdown()
            throw error
        }
        do {
            let result = try await body(central, site, log)
            await site.stop()
            await central.shutdown()
            return result
        } catch {
            await site.stop()
            await central.shutdown()
            throw error
        }
    }

    @Test func bootsWithTheSiteIdentity() async throws {
        try await Self.withSite { central, site, _ in
            let station = try await central.waitForStation("ACE0001234", timeout: Self.wait)
            let boot = try await station.waitForBoot(timeout: Self.wait)
            #expect(boot.vendor == "Alfen BV")
            #expect(boot.model == "NG910-60023")
            #expect(boot.firmwareVersion == VirtualStationIdentity.defaultFirmware)
            #expect(site.stations.map(\.identity) == ["ACE0001234"])
            #expect(site.stations.first?.objectNumber == 1234)
            #expect(site.meter.unit == 5)
        }
    }

    @Test func configureResetReconnectUnlock() async throws {
        try await Self.withSite { central, _, log in
            let station = try await central.waitForStation("ACE0001234", timeout: Self.wait)
            _ = try await station.waitForBoot(timeout: Self.wait)
            let all = try await station.getConfiguration(keys: nil)
            #expect(all["FeatureObjectId"]?.value == "1234")
            #expect(all["UnlockedFeatures"]?.value == "0")
            #expect(try await station.changeConfiguration(key: "Station-MaxCurrent", value: "20") == .accepted)
            #expect(try await station.changeConfiguration(key: "Station-MaxCurrent", value: "lots") == .rejected)
            #expect(try await station.changeConfiguration(key: "Made-Up-Key", value: "1") == .notSupported)
            #expect(try await station.changeConfiguration(key: "SCN-NetworkName", value: "DEMO1") == .rebootRequired)
            let key = demoLicenceKey(objectNumber: 1234, features: 0x5)
            #expect(try await station.changeConfiguration(key: "FeatureLicenseKey", value: key) == .rebootRequired)
            #expect(try await station.reset(.soft) == .accepted)

            let again = try await central.waitForStation("ACE0001234", timeout: Self.wait, replacing: station)
            let boot = try await again.waitForBoot(timeout: Self.wait)
            #expect(boot.model == "NG910-60023")
            let after = try await again.getConfiguration(keys: ["UnlockedFeatures", "SCN-NetworkName", "Station-MaxCurrent"])
            #expect(after["UnlockedFeatures"]?.value == "5")
            #expect(after["SCN-NetworkName"]?.value == "DEMO1")
            #expect(after["Station-MaxCurrent"]?.value == "20")
            let events = log.descriptions
            #expect(events.contains { $0.contains("rebooting") })
            #expect(events.contains { $0.contains("unlocked features 0x5") })
            #expect(!events.contains { $0.contains(key) })
        }
    }

    @Test func basicAuthPassword() async throws {
        try await Self.withSite(passwords: ["ACE0001234": "s3cret-password"]) { central, _, _ in
            let station = try await central.waitForStation("ACE0001234", timeout: Self.wait)
            #expect(try await station.waitForBoot(timeout: Self.wait).vendor == "Alfen BV")
        }
    }

    @Test func modbusServesTheStationAndTheMeter() async throws {
        try await Self.withSite { _, site, _ in
            let port = try #require(site.stations.first?.modbusPort)
            let connection = try await ModbusLoopbackRead.holding(port: port, unit: 200, address: 100, count: 79)
            #expect(connection.count == 79)
            let meter = try await ModbusLoopbackRead.holding(port: site.meter.port, unit: UInt8(site.meter.unit), address: 0xC558, count: 2)
            #expect(meter == [0, 23000])
        }
    }
}

/// Collects the site's events for assertions.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])
    func add(_ event: VirtualSiteEvent) { events.withLock { $0.append(event.description) } }
    var descriptions: [String] { events.withLock { $0 } }
}
