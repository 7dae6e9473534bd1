import StationModel
import VirtualSite

/// The demo's result: the virtual site, every command it ran with its outcome, the read-back, and a summary.
struct DemoReport: Report {
    struct Summary: Sendable, Encodable {
        var stations: Int
        var sockets: Int
        var discovered: Int?
        var unlocked: Int
        var albStation: String?
        var scnName: String?
        var settingsVerified: Int
        var settingsChecked: Int
        /// `verify`'s report, when the verify stage ran.
        var report: String?
        var seconds: Double
    }

    var ok: Bool
    var site: String
    var centralSystem: String
    var stations: [RunningVirtualSite.Station]
    var meter: RunningVirtualSite.Meter
    var stages: [DemoRun.StageResult]
    var readBack: [DemoReadBack.Row]
    var summary: Summary

    /// The steps printed themselves as they ran; the text report is the closing summary.
    func text(colour: Bool) -> String {
        let s = summary
        let mark = { (good: Bool) in good ? ANSIStyle.green.apply("✓", enabled: colour) : ANSIStyle.red.apply("✗", enabled: colour) }
        var lines = ["", "Summary of \(site) (\(s.stations) stations, \(s.sockets) sockets, all on loopback)"]
        if let found = s.discovered { lines.append("  \(mark(found == s.stations)) discovered \(found) of \(s.stations) stations over mDNS") }
        lines.append("  \(mark(s.unlocked == s.stations)) unlocked SCN and ALB on \(s.unlocked) of \(s.stations) stations")
        if let station = s.albStation { lines.append("  \(mark(stageSucceeded(.alb))) Active Load Balancing on \(station), meter \(meter.preset) at 127.0.0.1:\(meter.port) unit \(meter.unit)") }
        if let name = s.scnName { lines.append("  \(mark(stageSucceeded(.scn))) Smart Charging Network \(name) over \(s.sockets) sockets") }
        lines.append("  \(mark(s.settingsChecked > 0 && s.settingsVerified == s.settingsChecked)) \(s.settingsVerified) of \(s.settingsChecked) settings read back as planned")
        if let verify = stages.first(where: { $0.kind == .verify }) {
            let passed = verify.steps.allSatisfy(\.succeeded)
            lines.append("  \(mark(passed)) verify \(passed ? "passed" : "failed"); commissioning report \(s.report ?? "not written")")
        }
        lines.append(ok ? "commissioned in \(s.seconds) s" : "the demo did not finish: see the step marked ✗ above")
        return lines.joined(separator: "\n") + "\n"
    }

    private func stageSucceeded(_ kind: DemoScript.Stage.Kind) -> Bool {
        stages.first { $0.kind == kind }.map { $0.steps.allSatisfy(\.succeeded) } ?? false
    }
}

extension DemoReport {
    static func make(site: Site, virtual: RunningVirtualSite, centralSystem: String, script: DemoScript,
                     stages: [DemoRun.StageResult], readBack: [DemoReadBack.Row], elapsed: Swift.Duration,
                     reportPath: String? = nil) -> DemoReport {
        // `discover --expect N` succeeds only when it found all N; only the site's own identities count, whoever
        // else advertises on the link.
        let own = Set(site.stations.map(\.id))
        let discovered = stages.first(where: { $0.kind == .discover })?.steps.first.map { step -> Int in
            if case .array(let found)? = step.result?.objectValue?["stations"] {
                return Set(found.compactMap { $0.objectValue?["identity"]?.stringValue }).intersection(own).count
            }
            return step.succeeded ? site.stations.count : 0
        }
        let unlockStage = stages.first { $0.kind == .unlock }
        let unlocked = readBack.filter { $0.key == DemoScript.unlockedFeaturesKey && $0.matches }.count
        let completed = stages.count == script.stages.count && stages.allSatisfy { $0.steps.allSatisfy(\.succeeded) }
        let summary = Summary(
            stations: site.stations.count, sockets: site.stations.reduce(0) { $0 + $1.sockets.count },
            discovered: discovered, unlocked: unlockStage == nil ? 0 : unlocked,
            albStation: site.albStationIndex.map { site.stations[$0].id }, scnName: site.scn?.name,
            settingsVerified: readBack.filter(\.matches).count, settingsChecked: readBack.count,
            report: stages.contains { $0.kind == .verify } ? reportPath : nil,
            seconds: elapsed.roundedSeconds)
        return DemoReport(ok: completed && readBack.allSatisfy(\.matches), site: site.name, centralSystem: centralSystem,
                          stations: virtual.stations, meter: virtual.meter, stages: stages, readBack: readBack, summary: summary)
    }

    /// The most severe exit of the commands (SPEC §1); a read-back that differs is a failed check.
    var status: ExitStatus {
        let worst = stages.flatMap(\.steps).map(\.exitCode).max() ?? 0
        if worst != 0 { return ExitStatus(rawValue: worst) ?? .communication }
        return readBack.allSatisfy(\.matches) ? .success : .checkFailed
    }
}
