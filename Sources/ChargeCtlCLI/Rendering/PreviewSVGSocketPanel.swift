import AllocationCore

/// The top panel of the preview chart: each socket's current over time. A few sockets read best as step lines
/// (each value can be read off the axis); many sockets as stacked areas (a tangle of 128 lines reads as nothing,
/// a stack still shows who gets what share and the total).
struct PreviewSVGSocketPanel: Sendable {
    enum Style: Sendable, Equatable { case lines, stacked }

    let site: AllocationSite
    let intervals: [TimelineInterval]
    let colours: [String]
    let labels: [String]
    let style: Style
    /// Each socket's share in each interval, by the socket's position in `site.sockets` then by row: read once
    /// from the intervals' tables, since every part of the panel reads every socket of every interval.
    let shares: [[SocketAllocation]]

    init(site: AllocationSite, result: TimelineResult, colours: [String], labels: [String], style: Style) {
        self.site = site
        intervals = result.intervals
        self.colours = colours
        self.labels = labels
        self.style = style
        shares = result.socketColumns(ids: site.sockets.map(\.id)).map { column in column.map { $0 ?? .idle } }
    }

    /// Lines are lifted by this many pixels per socket rank so equal currents (B and C at 10 A each) stay
    /// visible side by side instead of hiding one another.
    static let lineSeparation = 1.5

    /// The highest value the panel must show: the highest socket current, or the highest stack.
    var dataMax: Double {
        intervals.indices.reduce(0) { highest, row in
            // The sum in site order, as the stack adds them up.
            var largest = 0.0, sum = 0.0
            for column in shares {
                largest = max(largest, column[row].current)
                sum += column[row].current
            }
            return max(highest, style == .lines ? (shares.isEmpty ? 0 : largest) : sum)
        }
    }

    func draw(into svg: inout SVGWriter, panel: SVGPanel) {
        drawPausedBands(into: &svg, panel: panel)
        svg.open("g", [("class", style == .lines ? "socket-lines" : "socket-areas")])
        let bases = style == .stacked ? stackBases() : []
        for (index, socket) in site.sockets.enumerated() {
            let colour = colours[index]
            switch style {
            case .lines:
                let segments = intervals.indices.map { row in
                    SVGStepPath.Segment(from: intervals[row].from, to: intervals[row].to, value: shares[index][row].current)
                }
                drawProbing(into: &svg, panel: panel, position: index, base: { _ in 0 })
                svg.open("path", [
                    ("id", "socket-\(socket.id)"), ("class", "socket-line"), ("fill", "none"), ("stroke", colour),
                    ("stroke-width", "2"), ("stroke-linejoin", "round"),
                    ("d", SVGStepPath.line(segments, in: panel, offset: -Double(index) * Self.lineSeparation)),
                ])
            case .stacked:
                let bands = intervals.indices.map { row in
                    let interval = intervals[row]
                    let base = bases[row][index]
                    return SVGStepPath.Band(from: interval.from, to: interval.to, base: base, top: base + shares[index][row].current)
                }
                svg.open("path", [
                    ("id", "socket-\(socket.id)"), ("class", "socket-area"), ("fill", colour), ("stroke", "#ffffff"),
                    ("stroke-width", "0.3"), ("d", SVGStepPath.area(bands, in: panel)),
                ])
            }
            svg.element("title", content: labels[index])
            svg.close("path")
        }
        if style == .stacked {
            for index in site.sockets.indices {
                drawProbing(into: &svg, panel: panel, position: index, base: { bases[$0][index] })
            }
        }
        svg.close("g")
    }

    /// Per interval, the stack's base under each socket (the sum of the currents of the sockets before it, in
    /// site order) and its top: one pass per interval instead of one per socket and interval.
    private func stackBases() -> [[Double]] {
        intervals.indices.map { row in
            var sums = [0.0]
            sums.reserveCapacity(site.sockets.count + 1)
            for column in shares { sums.append(sums[sums.count - 1] + column[row].current) }
            return sums
        }
    }

    /// Probing spans are hatched between the socket's base and its current: probing current is not what the EV
    /// will get, and a reader should not mistake the probe for the allocation (SPEC §4 rule 1).
    /// `base` gives the bottom of the socket's band in interval `row`.
    private func drawProbing(into svg: inout SVGWriter, panel: SVGPanel, position: Int, base: (_ row: Int) -> Double) {
        let socket = site.sockets[position]
        for (row, interval) in intervals.enumerated() where shares[position][row].state == .probing {
            let share = shares[position][row]
            let bottom = base(row)
            let top = bottom + share.current
            let y = panel.y(top)
            svg.open("rect", [
                ("class", "probing"), ("x", SVGWriter.number(panel.x(interval.from))), ("y", SVGWriter.number(y)),
                ("width", SVGWriter.number(panel.x(interval.to) - panel.x(interval.from))),
                ("height", SVGWriter.number(max(0, panel.y(bottom) - y))), ("fill", "url(#probing-hatch)"),
            ])
            svg.element("title", content: "socket \(SocketLabel.text(socket, in: site)) probing \(RenderFormat.amps(share.current)) A, "
                + RenderFormat.span(from: interval.from, to: interval.to))
            svg.close("rect")
        }
    }
}
