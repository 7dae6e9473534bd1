import AllocationCore

extension PreviewSVGSocketPanel {
    /// Paused spans, shaded lightly behind the data. With lines, each socket's pauses take its own colour; in a
    /// stack (many sockets) one grey band per span in which any socket is paused, its tooltip naming them.
    func drawPausedBands(into svg: inout SVGWriter, panel: SVGPanel) {
        svg.open("g", [("class", "paused-spans")])
        switch style {
        case .lines:
            for (index, socket) in site.sockets.enumerated() {
                for span in spans(where: { shares[index][$0].state == .paused ? [socket.id] : [] }) {
                    band(into: &svg, panel: panel, span: span, fill: colours[index], opacity: "0.14",
                         title: "\(labels[index]) paused \(RenderFormat.span(from: span.from, to: span.to))")
                }
            }
        case .stacked:
            for span in spans(where: { row in site.sockets.indices.filter { shares[$0][row].state == .paused }.map { site.sockets[$0].id } }) {
                let names = site.sockets.enumerated().filter { span.sockets.contains($0.element.id) }.map { labels[$0.offset] }
                let listed = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? " and \(names.count - 12) more" : "")
                band(into: &svg, panel: panel, span: span, fill: "#808080", opacity: "0.14",
                     title: "paused \(RenderFormat.span(from: span.from, to: span.to)): \(listed)")
            }
        }
        svg.close("g")
    }

    struct PausedSpan: Equatable {
        var from: Double, to: Double, sockets: [Int]
    }

    /// Contiguous intervals with the same non-empty set of paused sockets, merged into one span; `paused` is
    /// given an interval's row.
    func spans(where paused: (_ row: Int) -> [Int]) -> [PausedSpan] {
        var spans: [PausedSpan] = []
        for (row, interval) in intervals.enumerated() {
            let sockets = paused(row)
            guard !sockets.isEmpty else { continue }
            if let last = spans.last, last.sockets == sockets, abs(last.to - interval.from) < 1e-9 {
                spans[spans.count - 1].to = interval.to
            } else {
                spans.append(PausedSpan(from: interval.from, to: interval.to, sockets: sockets))
            }
        }
        return spans
    }

    private func band(into svg: inout SVGWriter, panel: SVGPanel, span: PausedSpan, fill: String, opacity: String, title: String) {
        svg.open("rect", [
            ("class", "paused"), ("x", SVGWriter.number(panel.x(span.from))), ("y", SVGWriter.number(panel.top)),
            ("width", SVGWriter.number(panel.x(span.to) - panel.x(span.from))), ("height", SVGWriter.number(panel.height)),
            ("fill", fill), ("fill-opacity", opacity),
        ])
        svg.element("title", content: title)
        svg.close("rect")
    }
}
