import AllocationCore
import ChargeIO
import Foundation
import StationModel

/// libFuzzer entry (`make fuzz`): any bytes as a site file and a scenario file, through the same path as `plan`
/// and `preview` (YAML load, decode, validate, plan, compile for both links, then a short preview window), must
/// end in a result or a `ConfigError`, never a trap (SPEC §3: numbers that overflow are exit 2, never a crash).
///
/// The input is the site, then optionally a line `#scenario` and the scenario; without it the preview runs the
/// default scenario (an EV on every socket). The window is cut to `window` seconds so each input stays cheap, after
/// validation has seen the scenario's own duration.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSiteLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.components(separatedBy: "\n#scenario\n")
    guard let site = try? Site(document: YAMLDocument.parse(parts[0], file: "site.yaml"), file: "site.yaml") else { return 0 }
    for link in [LinkKind.ocpp, .https] {
        if let plan = try? SitePlanner.plan(site, link: link) {
            _ = try? RunPlan.compile(plan, command: "plan", for: link)
        }
    }
    var scenario: Scenario?
    if parts.count > 1 {
        guard let decoded = try? Scenario(document: YAMLDocument.parse(parts[1], file: "scenario.yaml"), file: "scenario.yaml") else { return 0 }
        scenario = decoded
    }
    guard let preview = try? SitePreview(site: site, scenario: scenario.map(shortened), scenarioFile: "scenario.yaml") else { return 0 }
    // Every number the renderers print must be finite: the JSON document cannot carry anything else.
    for interval in preview.result.intervals {
        precondition(interval.from.isFinite && interval.to.isFinite && interval.from <= interval.to, "interval bounds")
        for phase in preview.allocationSite.phases {
            precondition(interval.available[phase].isFinite && interval.phaseLoad[phase].isFinite, "phase currents")
        }
        for share in interval.sockets.values { precondition(share.current.isFinite, "socket current") }
    }
    return 0
}

/// Long enough for probing, alternation and a few events; short enough for tens of thousands of runs a second.
let window = 4.0 * 3600

func shortened(_ scenario: Scenario) -> Scenario {
    var scenario = scenario
    scenario.duration = min(scenario.duration, window)
    scenario.events = scenario.events.filter { $0.at <= window }
    return scenario
}
