import AllocationCore

/// The whole of `preview`'s decision, pure: validate the site, resolve the scenario, run the timeline, gather
/// findings. The CLI and the wizard only load files and render.
public struct SitePreview: Sendable {
    public var site: Site
    public var allocationSite: AllocationSite
    public var scenario: Scenario
    public var result: TimelineResult
    /// Site warnings, scenario events that change nothing, then the timeline's own findings.
    public var findings: [Finding]

    /// Throws `ConfigErrors` when the site or scenario is invalid: nothing is simulated.
    public init(site: Site, scenario: Scenario?, scenarioFile: String? = nil) throws {
        let report = SiteValidator.validate(site)
        guard report.isValid else { throw ConfigErrors(report.errors) }
        let layout = SiteLayout(site)
        let scenario = scenario ?? site.defaultScenario(layout: layout)
        let resolver = ScenarioResolver(site: site, layout: layout, file: scenarioFile)
        let events = try resolver.events(scenario)
        self.site = site
        self.allocationSite = site.allocationSite(layout: layout)
        self.scenario = scenario
        self.result = Timeline(site: allocationSite, events: events, duration: scenario.duration).run()
        self.findings = report.warnings + resolver.ignoredEvents(scenario) + result.summary.findings.map(Finding.init)
    }
}

extension Finding {
    init(_ finding: TimelineFinding) {
        let severity: Severity = switch finding.severity {
        case .pass: .pass
        case .warn: .warn
        case .fail: .fail
        }
        self.init(severity, finding.code, finding.message, hint: finding.hint)
    }
}
