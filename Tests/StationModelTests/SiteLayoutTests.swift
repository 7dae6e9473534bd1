import AllocationCore
import Testing
@testable import StationModel

/// SPEC §2/§3: SCN socket ids and the recommended phase rotation the site file may leave out.
@Suite struct SiteLayoutTests {
    func station(_ id: String, sockets: Int = 1, phases: Int? = nil, feeders: Int = 1, socketID: Int? = nil,
                 mappings: [String?] = []) -> StationEntry {
        let entries = (0..<sockets).map { index in
            SocketEntry(maxCurrent: 32, phaseMapping: index < mappings.count ? mappings[index].flatMap(PhaseMapping.init(name:)) : nil)
        }
        return StationEntry(id: id, phases: phases, feeders: feeders, socketID: socketID, maxCurrent: 32, sockets: entries)
    }

    func site(phases: Int = 3, _ stations: [StationEntry]) -> Site {
        Site(name: "t", installation: Installation(phases: phases, maxCurrent: 40), scn: SCNSettings(name: "T"), stations: stations)
    }

    func mappings(_ site: Site) -> [String] { SiteLayout(site).sockets.map(\.mapping.name) }

    @Test func idsFollowFileOrderAndTwoSocketStationsTakeTwo() {
        let layout = SiteLayout(site([station("A", sockets: 2), station("B"), station("C", sockets: 2)]))
        #expect(layout.sockets.map(\.scnID) == [0, 1, 2, 3, 4])
        #expect(layout.firstSocketIDs == [0, 2, 3])
        #expect(layout.socket(station: 2, connector: 2)?.scnID == 4)
    }

    @Test func explicitIdsStandAndOthersSkipThem() {
        let layout = SiteLayout(site([station("A"), station("B", sockets: 2, socketID: 1), station("C")]))
        #expect(layout.firstSocketIDs == [0, 1, 3])
    }

    @Test func threePhaseStationsRotateOncePerFeeder() {
        let sites = site([station("A"), station("B"), station("C"), station("D")])
        #expect(mappings(sites) == ["L1L2L3", "L3L1L2", "L2L3L1", "L1L2L3"])
        // A single-feeder two-socket station gives both sockets the same mapping; feeders: 2 advances per socket.
        #expect(mappings(site([station("A", sockets: 2), station("B")])) == ["L1L2L3", "L1L2L3", "L3L1L2"])
        #expect(mappings(site([station("A", sockets: 2, feeders: 2), station("B")])) == ["L1L2L3", "L3L1L2", "L2L3L1"])
    }

    @Test func explicitMappingsConsumeNoStep() {
        let sites = site([station("A", mappings: ["L2L3L1"]), station("B"), station("C")])
        #expect(mappings(sites) == ["L2L3L1", "L1L2L3", "L3L1L2"])
    }

    @Test func singlePhaseSocketsCountOnlyThemselvesInIdOrder() {
        let sites = site([station("A", phases: 1), station("B"), station("C", sockets: 2, phases: 1), station("D", phases: 1)])
        #expect(mappings(sites) == ["L1", "L1L2L3", "L2", "L3", "L1"])
    }

    @Test func singlePhaseInstallationPutsEverySocketOnL1() {
        #expect(mappings(site(phases: 1, [station("A", sockets: 2), station("B")])) == ["L1", "L1", "L1"])
    }
}
