import AllocationCore

/// The whole of `preview`'s decision, pure: validate the site, resolve the scenario, run the timeline, gather
/// findings. The CLI and the wizard only load files and render.
public struct SitePreview: Sendable {
    public var site: Site
    public var allocationSite: AllocationSite
    public var scenario: Scenario
    /// The timeline; its summary's findings are the whole run's: site warnings, scenario events that change
    /// nothing, then the timeline's own.
    public var result: TimelineResult
    public var findings: [Finding] { result.summary.findings }

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
        var result = Timeline(site: allocationSite, events: events, duration: scenario.duration).run()
        result.summary.findings = report.warnings + resolver.ignoredEvents(scenario) + result.summary.findings
        self.result = result
    }
}
