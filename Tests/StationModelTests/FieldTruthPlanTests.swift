import AllocationCore
import Testing
@testable import StationModel

/// Issue 16: Phase-Connected is the ALB station's feeder (manual §5.3.3 step 10), `SCN-TotalSafeCurrent` is planned
/// when set, and a short alternating period warns on every link.
@Suite struct FieldTruthPlanTests {
    static func site(installationPhases: Int = 3, stations: [StationEntry], alb: ALBSettings? = ALBSettings(source: .p1, maxCurrent: 40, safeCurrent: 10),
                     scn: SCNSettings? = SCNSettings(name: "FIELD1")) -> Site {
        Site(name: "field", installation: Installation(phases: installationPhases, maxCurrent: 40), scn: scn, alb: alb, stations: stations)
    }

    static func station(_ id: String, phases: Int? = nil, mapping: String? = nil, sockets: Int = 1) -> StationEntry {
        StationEntry(id: id, phases: phases, maxCurrent: 32,
                     sockets: Array(repeating: SocketEntry(maxCurrent: 32, phaseMapping: mapping.flatMap(PhaseMapping.init(name:))), count: sockets))
    }

    func phaseConnected(_ site: Site, link: LinkKind = .ocpp) throws -> String? {
        let plan = try SitePlanner.plan(site, link: link)
        let changes = plan.stations.flatMap(\.changes).filter { $0.setting == .phaseConnected }
        #expect(changes.count <= 1)
        guard case .mapping(let mapping)? = changes.first?.to else { return nil }
        return mapping?.name
    }

    @Test func aOnePhaseStationOnL2HostingALBGetsL2() throws {
        // The second 1-phase socket of the rotation is on L2; it hosts the meter.
        var site = Self.site(stations: [Self.station("A", phases: 1), Self.station("B", phases: 1)])
        site.alb?.station = "B"
        #expect(try phaseConnected(site) == "L2")
        // Written out on the station, the same.
        site.stations[1].sockets[0].phaseMapping = PhaseMapping(name: "L2")
        #expect(try phaseConnected(site) == "L2")
    }

    @Test func aOnePhaseInstallationGetsL1NotL1L2L3() throws {
        let site = Self.site(installationPhases: 1, stations: [Self.station("A"), Self.station("B")])
        #expect(try phaseConnected(site) == "L1")
    }

    @Test func theDefaultIsTheALBStationsOwnMapping() throws {
        // Rotation: A L1L2L3, B L3L1L2, C L2L3L1; the meter hangs on C.
        var site = Self.site(stations: [Self.station("A"), Self.station("B"), Self.station("C")])
        site.alb?.station = "C"
        #expect(try phaseConnected(site) == "L2L3L1")
        site.alb?.station = nil
        #expect(try phaseConnected(site) == "L1L2L3")
        site.stations[0].sockets[0].phaseMapping = PhaseMapping(name: "L3L2L1")
        #expect(try phaseConnected(site) == "L3L2L1")
    }

    @Test func aGivenValueThatAgreesIsPlannedAsGiven() throws {
        var site = Self.site(stations: [Self.station("A"), Self.station("B")])
        site.alb?.station = "B"
        site.alb?.phaseConnected = PhaseMapping(name: "L3L1L2")
        #expect(try phaseConnected(site) == "L3L1L2")
    }

    @Test(arguments: [
        // (installation phases, station phases, mapping written, phaseConnected, code)
        (3, 3, "L1L2L3", "L2L3L1", "alb.phase-connected-mismatch"),
        (3, 3, nil, "L3L1L2", "alb.phase-connected-mismatch"),   // the rotation gives the first station L1L2L3
        (3, 1, nil, "L1L2L3", "alb.phase-connected-single-phase"),
        (3, 1, "L2", "L1", "alb.phase-connected-mismatch"),
        (1, 1, nil, "L1L2L3", "alb.phase-connected-single-phase"),
        (1, 3, nil, "L1L2L3", "alb.phase-connected-single-phase"),
    ] as [(Int, Int, String?, String, String)])
    func aContradictingValueIsRefused(installation: Int, stationPhases: Int, mapping: String?, given: String, code: String) {
        var site = Self.site(installationPhases: installation, stations: [Self.station("A", phases: stationPhases, mapping: mapping)], scn: nil)
        site.alb?.phaseConnected = PhaseMapping(name: given)
        let report = SiteValidator.validate(site, link: .ocpp)
        #expect(report.errors.map(\.code) == [code], "\(report.errors.map(\.description))")
        #expect(report.errors.first?.path.description == "alb.phaseConnected")
        #expect(!(report.errors.first?.hint.isEmpty ?? true))
        #expect(throws: ConfigErrors.self) { try SitePlanner.plan(site) }
    }

    @Test func theSharedRuleNamesTheCallersField() {
        let flags = FieldNamer { _ in FieldNamer.flag("--phase-connected") }
        let errors = Validator.phaseConnected(PhaseMapping(name: "L1L2L3")!, stationMapping: PhaseMapping(name: "L2"), singlePhase: true, flags)
        #expect(errors.map(\.code) == ["alb.phase-connected-single-phase"])
        #expect(errors.first?.path.description == "--phase-connected")
        #expect(errors.first?.hint.contains("L2") == true)
    }

    @Test func totalSafeCurrentIsWrittenOnEveryMemberWhenSet() throws {
        var site = Self.site(stations: [Self.station("A"), Self.station("B", sockets: 2)], alb: nil)
        let without = try SitePlanner.plan(site)
        #expect(!without.stations.flatMap(\.changes).contains { $0.setting == .scnTotalSafeCurrent })
        site.scn?.totalSafeCurrent = 16
        let with = try SitePlanner.plan(site)
        for station in with.stations {
            #expect(station.changes.filter { $0.setting == .scnTotalSafeCurrent }.map(\.to) == [.amperes(16)], "\(station.station)")
        }
        let compiled = try RunPlan.compile(with, command: "plan", for: .ocpp)
        #expect(compiled.stations[0].writes.contains { $0.key == "SCN-TotalSafeCurrent" && $0.value == "16" })
        let https = try RunPlan.compile(with, command: "plan", for: .https)
        #expect(https.stations[0].writes.contains { $0.key == "2180_A" })
    }

    @Test func totalSafeCurrentIsValidatedLikeASafeCurrent() {
        var site = Self.site(stations: [Self.station("A")], alb: nil)
        site.scn?.totalSafeCurrent = 0
        #expect(SiteValidator.validate(site).errors.map(\.code) == ["current.not-positive"])
        #expect(SiteValidator.validate(site).errors.first?.path.description == "scn.totalSafeCurrent")
        site.scn?.totalSafeCurrent = 16.005
        #expect(SiteValidator.validate(site).errors.map(\.code) == ["current.resolution"])
    }

    @Test(arguments: [LinkKind?.none, .ocpp, .https])
    func aShortAlternatingPeriodWarnsOnEveryLink(link: LinkKind?) {
        var site = Self.site(stations: [Self.station("A")], alb: nil)
        site.scn?.alternatingPeriod = 600
        let report = SiteValidator.validate(site, link: link)
        #expect(report.isValid)
        #expect(report.warnings.map(\.code).contains("scn.alternating-period-short"))
        #expect(report.warnings.first { $0.code == "scn.alternating-period-short" }?.field == "scn.alternatingPeriod")
        site.scn?.alternatingPeriod = 900
        #expect(!SiteValidator.validate(site, link: link).warnings.map(\.code).contains("scn.alternating-period-short"))
    }
}
