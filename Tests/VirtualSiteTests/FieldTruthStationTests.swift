import AllocationCore
import ChargeIO
import ModbusProtocol
import OCPP16
import StationModel
import Testing
@testable import VirtualSite

/// Issue 16: the simulated station behaves like a real one — paused reads B1, register 1100 is what the allocation
/// gives the station, set points are forgotten across a reboot, and after a reboot it allocates by its effective
/// settings, not the site file's.
@Suite struct FieldTruthStationTests {
    static func socket(_ state: SocketState, _ current: Double) -> StationRegisterInput {
        StationRegistersTests.input(state, current: current)
    }

    @Test func aPausedEVReadsB1AndAFinishedOneB2() {
        let paused = StationRegisters.bank(StationRegistersTests.input(.paused, current: 0)).registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.mode3.text(paused) == "B1")
        let finished = StationRegisters.bank(StationRegistersTests.input(.finished, current: 0)).registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.mode3.text(finished) == "B2")
    }

    @Test func register1100IsWhatTheAllocationGivesTheStation() {
        let charging = StationRegisters.bank(StationRegistersTests.input(.charging, current: 13.5)).registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.activeMaxCurrent.float(charging) == 13.5, "not Station-MaxCurrent (32)")
        let paused = StationRegisters.bank(StationRegistersTests.input(.paused, current: 0)).registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.activeMaxCurrent.float(paused) == 0)
        // Nothing plugged in: what the SCN leaves it (40 A available), capped by its 32 A.
        let idle = StationRegisters.bank(StationRegistersTests.input(.idle, current: 0)).registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.activeMaxCurrent.float(idle) == 32)
        // A set point below the share binds.
        var setpoints = Setpoints()
        setpoints.record(10, unit: 1, address: 1210, at: 0)
        let capped = StationRegisters.bank(StationRegistersTests.input(.charging, current: 16, setpoints: setpoints, time: 5))
            .registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.activeMaxCurrent.float(capped) == 10)
    }

    static func station(site: Site = Fixtures.oneStationSite()) throws -> (VirtualStation, SiteViews) {
        let timeline = try SiteTimeline(site: site, scenario: Fixtures.chargingScenario)
        let views = SiteViews(original: site, scenario: Fixtures.chargingScenario, timeline: timeline)
        let identity = VirtualStationIdentity(entry: site.stations[0], installationPhases: site.installation.phases,
                                              firmware: VirtualStationIdentity.defaultFirmware)
        let station = VirtualStation(identity: identity, index: 0, unlockedFeatures: 0x5, views: views, now: { 100 }, onEvent: { _ in })
        views.attach([{ station.store }])
        return (station, views)
    }

    @Test func setPointsAreForgottenAcrossAReboot() throws {
        let (station, _) = try Self.station()
        let words = try RegisterType.float32.encode(10, order: .abcd)
        station.written(unit: 1, address: 1210, values: words)
        #expect(AlfenStationMap.setpoint.float(station.registerBank().registers(in: .holding, unit: 1)) == 10)
        station.reboot()
        #expect(AlfenStationMap.setpoint.float(station.registerBank().registers(in: .holding, unit: 1)) == 0)
        #expect(AlfenStationMap.validityRemaining.uint(station.registerBank().registers(in: .holding, unit: 1)) == 0)
    }

    @Test func bootNotificationIsOwedOncePerBoot() throws {
        let (station, _) = try Self.station()
        #expect(station.takeBootPending())
        #expect(!station.takeBootPending(), "a reconnect without a reboot sends no BootNotification")
        station.reboot()
        #expect(station.takeBootPending())
    }

    /// The station's own limits after a reboot: a station maximum written over OCPP is what it allocates by.
    @Test func afterARebootTheStationAllocatesByItsEffectiveSettings() throws {
        let (station, _) = try Self.station()
        func charging() -> Double? {
            AlfenStationMap.current[0].float(station.registerBank().registers(in: .holding, unit: 1))
        }
        #expect(charging() == 16, "the EV's own 16 A")
        _ = station.respond(to: .changeConfiguration(ChangeConfiguration.Request(key: "Station-MaxCurrent", value: "10")))
        #expect(charging() == 10, "the applied maximum follows the effective key at once")
        station.reboot()
        #expect(charging() == 10)
        let bank = station.registerBank().registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.activeMaxCurrent.float(bank) == 10)
    }

    @Test func theEffectiveSiteTakesTheViewersSCNTotalAndEachMembersLimits() {
        let site = Site(name: "x", installation: Installation(phases: 3, maxCurrent: 40), scn: SCNSettings(name: "X1"),
                        stations: ["A", "B", "C"].map { StationEntry(id: $0, maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)]) })
        var stores = site.stations.map { entry in
            StationConfigStore(identity: VirtualStationIdentity(entry: entry, installationPhases: 3, firmware: VirtualStationIdentity.defaultFirmware))
        }
        for index in stores.indices {
            for (key, value) in [("SCN-IsEnabled", "True"), ("SCN-NetworkName", index == 2 ? "" : "X1"), ("SCN-SocketID", "\(index)"),
                                 ("SCN-TotalStaticCurrent", index == 0 ? "25" : "40"), ("Station-MaxCurrent", index == 1 ? "20" : "32"),
                                 ("SCN-PhaseMapping-1", index == 1 ? "8" : "4")] {
                _ = stores[index].changeConfiguration(ChangeConfiguration.Request(key: key, value: value))
            }
            stores[index].reboot()
        }
        let viewA = try? #require(EffectiveSite.site(of: 0, original: site, configs: stores))
        #expect(viewA?.installation.maxCurrent == 25, "A's own SCN total")
        #expect(viewA?.stations.map(\.id) == ["A", "B"], "C left the SCN (no name)")
        #expect(viewA?.stations[1].maxCurrent == 20)
        #expect(viewA?.stations[1].sockets[0].phaseMapping?.name == "L3L1L2")
        let viewB = try? #require(EffectiveSite.site(of: 1, original: site, configs: stores))
        #expect(viewB?.installation.maxCurrent == 40)
        let viewC = try? #require(EffectiveSite.site(of: 2, original: site, configs: stores))
        #expect(viewC?.scn == nil && viewC?.stations.map(\.id) == ["C"])
        #expect(viewC?.installation.maxCurrent == 40, "alone behind the site's fuse")
    }

    @Test func theScenarioFollowsItsSocketsIntoAView() {
        let site = Site(name: "x", installation: Installation(phases: 3, maxCurrent: 40), scn: SCNSettings(name: "X1"),
                        stations: ["A", "B"].map { StationEntry(id: $0, maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)]) })
        var view = site
        view.stations = [site.stations[1]]
        let scenario = Scenario(duration: 60, events: [
            ScenarioEvent(at: 0, kind: .connect(.scnID(0), EVProfile())), ScenarioEvent(at: 0, kind: .connect(.scnID(1), EVProfile())),
            ScenarioEvent(at: 5, kind: .stationOffline("A")), ScenarioEvent(at: 6, kind: .load(.uniform(3))),
        ])
        let translated = EffectiveSite.translate(scenario, from: site, to: view)
        #expect(translated.events.map(\.kind) == [.connect(.connector(station: "B", connector: 1), EVProfile()), .load(.uniform(3))])
    }
}
