import AllocationCore

/// The legend under the chart: a key to the line styles, then one swatch per socket in a grid whose column
/// count follows the longest label, so 128 sockets take 16 short rows rather than one long column.
struct PreviewSVGLegend: Sendable {
    let labels: [String]
    let colours: [String]
    let style: PreviewSVGSocketPanel.Style

    static let rowHeight = 18.0
    /// A rough advance per character of the 12 px sans-serif text; the grid only needs to avoid overlaps.
    static let characterWidth = 7.0

    func columns(width: Double) -> Int {
        let widest = labels.map(\.count).max() ?? 1
        return max(1, Int(width / (Double(widest) * Self.characterWidth + 34)))
    }

    func height(width: Double) -> Double {
        let rows = (labels.count + columns(width: width) - 1) / columns(width: width)
        return Double(rows + 1) * Self.rowHeight + 8
    }

    func draw(into svg: inout SVGWriter, left: Double, top: Double, width: Double) {
        typealias N = SVGWriter
        svg.open("g", [("class", "legend")])
        let key: [(String, SVGWriter.Attributes)] = [
            ("phase load", [("stroke", PreviewSVGPhasePanel.loadColour), ("stroke-width", "2")]),
            ("available to the SCN", [("stroke", PreviewSVGPhasePanel.availableColour), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")]),
            ("installation limit", [("stroke", PreviewSVGPhasePanel.limitColour), ("stroke-width", "1")]),
        ]
        var x = left
        for (text, stroke) in key {
            svg.element("line", [("x1", N.number(x)), ("y1", N.number(top + 8)), ("x2", N.number(x + 22)), ("y2", N.number(top + 8))] + stroke)
            svg.element("text", [("x", N.number(x + 28)), ("y", N.number(top + 12))], content: text)
            x += 28 + Double(text.count) * Self.characterWidth + 18
        }
        svg.element("rect", [("x", N.number(x)), ("y", N.number(top + 2)), ("width", "12"), ("height", "12"),
                             ("fill", "url(#probing-hatch)"), ("stroke", "#999")])
        svg.element("text", [("x", N.number(x + 18)), ("y", N.number(top + 12))], content: "probing")
        x += 18 + 7 * Self.characterWidth + 18
        svg.element("rect", [("x", N.number(x)), ("y", N.number(top + 2)), ("width", "12"), ("height", "12"),
                             ("fill", style == .lines ? "#4e79a7" : "#808080"), ("fill-opacity", "0.14"), ("stroke", "#999")])
        svg.element("text", [("x", N.number(x + 18)), ("y", N.number(top + 12))],
                     content: style == .lines ? "paused (socket colour)" : "some socket paused")

        let columns = columns(width: width)
        let columnWidth = width / Double(columns)
        for (index, label) in labels.enumerated() {
            let cx = left + Double(index % columns) * columnWidth
            let cy = top + Double(index / columns + 1) * Self.rowHeight
            svg.element("rect", [("class", "swatch"), ("x", N.number(cx)), ("y", N.number(cy + 2)), ("width", "22"), ("height", "10"),
                                 ("fill", colours[index])])
            svg.element("text", [("class", "socket-label"), ("x", N.number(cx + 28)), ("y", N.number(cy + 12))], content: label)
        }
        svg.close("g")
    }
}
