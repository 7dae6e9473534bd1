import AllocationCore

/// One panel per site phase: the EVs' load as a step line over a light fill, the current the SCN may use as a
/// dashed step line, and the installation cap as a thin solid line, so a reader sees at once how close the
/// site runs to what it may draw and why (ALB, EMS, a lost meter or station lower the dashed line).
struct PreviewSVGPhasePanel: Sendable {
    let phase: Phase
    let intervals: [TimelineInterval]
    /// The installation cap on this phase (SPEC §2 summary `limit`).
    let limit: Double

    static let loadColour = "#1f4e79"
    static let availableColour = "#d6604d"
    static let limitColour = "#333333"

    var dataMax: Double {
        intervals.reduce(limit) { max($0, $1.phaseLoad[phase], $1.available[phase]) }
    }

    func draw(into svg: inout SVGWriter, panel: SVGPanel) {
        let load = intervals.map { SVGStepPath.Segment(from: $0.from, to: $0.to, value: $0.phaseLoad[phase]) }
        let available = intervals.map { SVGStepPath.Segment(from: $0.from, to: $0.to, value: $0.available[phase]) }
        let bands = intervals.map { SVGStepPath.Band(from: $0.from, to: $0.to, base: 0, top: $0.phaseLoad[phase]) }
        let name = phase.name
        svg.open("g", [("id", "phase-\(name)"), ("class", "phase")])
        svg.element("path", [("class", "load-fill"), ("fill", Self.loadColour), ("fill-opacity", "0.12"),
                             ("stroke", "none"), ("d", SVGStepPath.area(bands, in: panel))])
        // The load first, the limit and the dashed available line over it: where the SCN runs at its limit
        // the lines coincide, and the dashes must still show.
        svg.element("path", [
            ("id", "phase-\(name)-load"), ("class", "load"), ("fill", "none"), ("stroke", Self.loadColour),
            ("stroke-width", "2"), ("stroke-linejoin", "round"), ("d", SVGStepPath.line(load, in: panel)),
        ])
        svg.element("line", [
            ("id", "phase-\(name)-limit"), ("class", "limit"),
            ("x1", SVGWriter.number(panel.left)), ("y1", SVGWriter.number(panel.y(limit))),
            ("x2", SVGWriter.number(panel.right)), ("y2", SVGWriter.number(panel.y(limit))),
            ("stroke", Self.limitColour), ("stroke-width", "1"),
        ])
        svg.element("path", [
            ("id", "phase-\(name)-available"), ("class", "available"), ("fill", "none"),
            ("stroke", Self.availableColour), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"),
            ("d", SVGStepPath.line(available, in: panel)),
        ])
        svg.close("g")
    }
}
