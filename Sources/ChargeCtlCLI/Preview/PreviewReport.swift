import AllocationCore
import StationModel

/// `preview`'s result: the SPEC §2 JSON document, or the table and summary. `encode(to:)` is the document's
/// definition (and the reference `PreviewJSONWriter` is tested against); the command streams it with `write`.
struct PreviewReport: Report {
    let preview: SitePreview

    func text(colour: Bool) -> String {
        PreviewTextRenderer(colour: colour).render(site: preview.allocationSite, result: preview.result)
    }

    /// The document or the text, streamed to `out` in pieces as it is made (issue 14: a day of a 128-socket site
    /// is 16 MB of JSON). The same bytes as `ReportOutput.emit` would print from `encode(to:)` and `text(colour:)`.
    func write(json: Bool, colour: Bool, _ out: @escaping (String) -> Void) throws {
        if json { return try PreviewJSONWriter(preview: preview).write(out) }
        var output = ChunkedOutput(out)
        PreviewTextRenderer(colour: colour).write(site: preview.allocationSite, result: preview.result) { output.line($0) }
        output.flush()
    }

    enum Keys: String, CodingKey { case ok, site, duration, intervals, summary }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let phases = preview.allocationSite.phases
        try container.encode(true, forKey: .ok)
        try container.encode(preview.site.name, forKey: .site)
        try container.encode(JSONNumber.seconds(preview.scenario.duration), forKey: .duration)
        try container.encode(preview.result.intervals.map { IntervalDocument($0, phases: phases) }, forKey: .intervals)
        try container.encode(SummaryDocument(preview, phases: phases), forKey: .summary)
    }
}

/// SPEC §2: currents printed to 0.01 A, times to 3 decimals. Adding 0 turns a rounded -0 into 0, which every JSON
/// writer prints alike.
enum JSONNumber {
    static func amps(_ value: Double) -> Double { (value * 100).rounded() / 100 + 0 }
    static func seconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 + 0 }
    static func kWh(_ value: Double) -> Double { (value * 1000).rounded() / 1000 + 0 }

    static func perPhase(_ currents: PhaseCurrents, _ phases: [Phase]) -> [String: Double] {
        phases.reduce(into: [:]) { $0[$1.name] = amps(currents[$1]) }
    }
}

struct IntervalDocument: Encodable {
    struct SocketDocument: Encodable {
        var state: String
        var current: Double
        var phases: [String]
    }

    var from: Double
    var to: Double
    var sockets: [String: SocketDocument]
    var phaseLoad: [String: Double]
    var available: [String: Double]

    init(_ interval: TimelineInterval, phases: [Phase]) {
        from = JSONNumber.seconds(interval.from)
        to = JSONNumber.seconds(interval.to)
        sockets = interval.sockets.reduce(into: [:]) { documents, entry in
            documents[String(entry.key)] = SocketDocument(state: entry.value.state.rawValue, current: JSONNumber.amps(entry.value.current),
                                                          phases: entry.value.phases.map(\.name))
        }
        phaseLoad = JSONNumber.perPhase(interval.phaseLoad, phases)
        available = JSONNumber.perPhase(interval.available, phases)
    }
}

struct SummaryDocument: Encodable {
    struct Totals: Encodable {
        var energyKWh: Double
        var chargingSeconds: Double
        var pausedSeconds: Double
    }

    var sockets: [String: Totals]
    var peakPhaseLoad: [String: Double]
    var limit: [String: Double]
    var findings: [FindingDocument]

    init(_ preview: SitePreview, phases: [Phase]) {
        let summary = preview.result.summary
        sockets = summary.sockets.reduce(into: [:]) { documents, entry in
            documents[String(entry.key)] = Totals(energyKWh: JSONNumber.kWh(entry.value.energyKWh),
                                                  chargingSeconds: JSONNumber.seconds(entry.value.chargingSeconds),
                                                  pausedSeconds: JSONNumber.seconds(entry.value.pausedSeconds))
        }
        peakPhaseLoad = JSONNumber.perPhase(summary.peakPhaseLoad, phases)
        limit = JSONNumber.perPhase(summary.limit, phases)
        findings = preview.findings.map(FindingDocument.init)
    }
}

/// SPEC §7 finding shape.
struct FindingDocument: Encodable {
    var severity: String
    var code: String
    var message: String
    var hint: String
    var field: String?

    init(_ finding: Finding) {
        severity = finding.severity.rawValue
        code = finding.code
        message = finding.message
        hint = finding.hint
        field = finding.field
    }
}
