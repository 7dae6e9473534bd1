import AllocationCore
import ChargeIO
import Foundation
import StationModel
import Testing

/// Issue 16: the example site files plan the right `Phase-Connected` — the ALB station's own feeder phases
/// (manual §5.3.3 step 10), a single phase on a 1-phase installation.
@Suite struct ExamplePhaseConnectedTests {
    static let expected: [String: String] = [
        "depot-faults.yaml": "L1L2L3", "plaza-24A-six.yaml": "L1", "single-alb.yaml": "L1L2L3",
    ]

    @Test func everyExampleWithALBPlansItsStationsFeeder() throws {
        let sites = Fixtures.files(in: Fixtures.examples).filter { !$0.lastPathComponent.contains("scenario") }
        var planned: [String: String] = [:]
        for file in sites {
            let site = try Site(document: try YAMLDocument.load(path: file.path), file: file.lastPathComponent)
            let plan = try SitePlanner.plan(site)
            let writes = try RunPlan.compile(plan, command: "plan", for: .ocpp).stations.flatMap(\.writes)
            let phaseConnected = writes.filter { $0.key == "Phase-Connected" }.map(\.value)
            guard let index = site.albStationIndex else {
                #expect(phaseConnected.isEmpty, "\(file.lastPathComponent) has no ALB")
                continue
            }
            let own = try #require(SiteLayout(site).socket(station: index, connector: 1)?.mapping)
            #expect(phaseConnected == [own.name], "\(file.lastPathComponent)")
            if site.installation.phases == 1 { #expect(phaseConnected.allSatisfy { $0.count == 2 }, "\(file.lastPathComponent)") }
            planned[file.lastPathComponent] = phaseConnected.first
        }
        #expect(planned == Self.expected)
    }
}
