import AllocationCore
import StationModel

/// The human rendering of a preview: the interval table, the summary and the findings.
enum PreviewText {
    static func render(_ preview: SitePreview, colour: Bool) -> String {
        var lines: [String] = []
        for interval in preview.result.intervals {
            let cells = preview.allocationSite.sockets.map { socket -> String in
                let share = interval.sockets[socket.id] ?? .idle
                return "\(socket.id):\(share.state.rawValue) \(Quantity.decimal(share.current, places: 2))"
            }
            lines.append("\(Quantity.decimal(interval.from, places: 3))–\(Quantity.decimal(interval.to, places: 3)) s  " + cells.joined(separator: "  "))
        }
        for finding in preview.findings { lines.append("\(finding.severity.rawValue): \(finding.message)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
