import AllocationCore
import Testing
@testable import StationModel

/// SPEC §3 warnings: printed, exit 0.
@Suite struct SiteValidatorWarningTests {
    func site(installation: Double = 40, socketMax: Double = 32, safe: Double = 6, mappings: [String]? = nil,
              alb: ALBSettings? = nil) -> Site {
        let stations = (0..<3).map { index in
            StationEntry(id: "S\(index)", maxCurrent: 32,
                         sockets: [SocketEntry(maxCurrent: socketMax, phaseMapping: mappings.flatMap { PhaseMapping(name: $0[index]) })])
        }
        return Site(name: "t", installation: Installation(phases: 3, maxCurrent: installation),
                    scn: SCNSettings(name: "T", socketSafeCurrent: safe), alb: alb, stations: stations)
    }

    func codes(_ site: Site) -> [String] {
        let report = SiteValidator.validate(site)
        #expect(report.isValid, "\(report.errors)")
        return report.warnings.map(\.code)
    }

    @Test func aCleanSiteHasNoWarnings() {
        #expect(codes(site()).isEmpty)
    }

    @Test func limitsBelowFourteenAmpsWarnPerSocket() {
        #expect(codes(site(socketMax: 10)) == Array(repeating: "socket.below-probing-minimum", count: 3))
        #expect(codes(site(installation: 12)).count == 3)
        let alb = ALBSettings(source: .p1, maxCurrent: 13, safeCurrent: 6)
        #expect(codes(site(alb: alb)) == Array(repeating: "socket.below-probing-minimum", count: 3))
    }

    @Test func safeCurrentBelowSixWarns() {
        #expect(codes(site(safe: 4)) == ["scn.safe-below-minimum"])
    }

    @Test func mappingsAgainstTheRotationWarn() {
        let warnings = SiteValidator.validate(site(mappings: ["L1L2L3", "L2L3L1", "L3L1L2"])).warnings
        #expect(warnings.map(\.code) == ["mapping.not-recommended", "mapping.not-recommended"])
        #expect(warnings.first?.field == "stations[1].sockets[0].phaseMapping")
        #expect(codes(site(mappings: ["L1L2L3", "L3L1L2", "L2L3L1"])).isEmpty)
    }
}
