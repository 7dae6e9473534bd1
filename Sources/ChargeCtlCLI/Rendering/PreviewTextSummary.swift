import AllocationCore

/// The summary part of `preview`'s text output (SPEC §2 `summary`): what each socket got, the peak load per phase
/// against the installation cap, and the findings with their hints.
struct PreviewTextSummary: Sendable {
    var colour = false

    func lines(site: AllocationSite, summary: TimelineSummary) -> [String] {
        var lines = socketTable(site: site, summary: summary).lines()
        lines.append("")
        lines += phaseTable(site: site, summary: summary).lines()
        lines.append("")
        lines += findingLines(summary.findings)
        return lines
    }

    /// Energy at 230 V per phase, as the simulator counted it; charging time includes probing and safe time.
    func socketTable(site: AllocationSite, summary: TimelineSummary) -> TextTable {
        var table = styled(TextTable(columns: [
            .init("socket"), .init("energy kWh", .right), .init("charging", .right), .init("paused", .right),
        ]))
        for socket in site.sockets {
            // A socket the summary does not list had nothing: zeros, like the simulator's fresh totals.
            let totals = summary.sockets[socket.id]
            table.append([
                SocketLabel.text(socket, in: site), RenderFormat.fixed(totals?.energyKWh ?? 0, places: 3),
                RenderFormat.clock(totals?.chargingSeconds ?? 0), RenderFormat.clock(totals?.pausedSeconds ?? 0),
            ])
        }
        return table
    }

    func phaseTable(site: AllocationSite, summary: TimelineSummary) -> TextTable {
        var table = styled(TextTable(columns: [.init("phase"), .init("peak A", .right), .init("limit A", .right)]))
        for phase in site.phases {
            table.append([phase.name, RenderFormat.amps(summary.peakPhaseLoad[phase]), RenderFormat.amps(summary.limit[phase])])
        }
        return table
    }

    /// One line per finding and its hint indented below it, so the hint reads as what to do about the line above.
    func findingLines(_ findings: [TimelineFinding]) -> [String] {
        guard !findings.isEmpty else { return ["No findings."] }
        var lines = [ANSIStyle.bold.apply("Findings", enabled: colour)]
        for finding in findings {
            let severity = RenderFormat.padRight(severityText(finding.severity), to: 4)
            var line = "\(severity)  \(finding.code)  \(finding.message)"
            if let at = finding.at { line += " (at \(RenderFormat.clock(at)))" }
            lines.append(line)
            if !finding.hint.isEmpty { lines.append("      hint: \(finding.hint)") }
        }
        return lines
    }

    private func severityText(_ severity: TimelineFinding.Severity) -> String {
        let style: ANSIStyle = switch severity {
        case .pass: .green
        case .warn: .yellow
        case .fail: .red
        }
        return style.apply(severity.rawValue, enabled: colour)
    }

    private func styled(_ table: TextTable) -> TextTable {
        var table = table
        table.headerStyle = .bold
        table.colour = colour
        return table
    }
}
