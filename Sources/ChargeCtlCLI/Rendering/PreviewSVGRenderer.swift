import AllocationCore

/// `chargectl preview --svg FILE` (SPEC §1): the timeline as a standalone SVG 1.1 chart, for a person to look at
/// rather than read. Top panel: current per socket; below it one panel per site phase: load against the
/// available current and the installation cap; then a legend. Pure and deterministic: the CLI writes the string.
struct PreviewSVGRenderer: Sendable {
    enum Style: Sendable, Equatable {
        /// Lines up to `linesUpToSockets` sockets, stacked areas beyond.
        case automatic
        case lines
        case stacked
    }

    var style: Style = .automatic
    var width = 960.0
    /// Beyond this many sockets step lines overlap too much to follow; the stack stays readable to 128.
    static let linesUpToSockets = 8

    static let marginLeft = 56.0
    static let marginRight = 24.0

    init(style: Style = .automatic, width: Double = 960) {
        self.style = style
        self.width = width
    }

    func panelStyle(socketCount: Int) -> PreviewSVGSocketPanel.Style {
        switch style {
        case .lines: .lines
        case .stacked: .stacked
        case .automatic: socketCount <= Self.linesUpToSockets ? .lines : .stacked
        }
    }

    /// - Parameters:
    ///   - siteName: the site file's free-text `site`, shown in the title (escaped).
    ///   - duration: the scenario's length; the end of the last interval when nil.
    func render(site: AllocationSite, result: TimelineResult, siteName: String, duration: Double? = nil) -> String {
        let intervals = result.intervals
        let span = duration ?? intervals.last?.to ?? 0
        let time = SVGTimeAxis(duration: span)
        let labels = site.sockets.map { SocketLabel.text($0, in: site) }
        let colours = SVGPalette.colours(count: site.sockets.count)
        let socketStyle = panelStyle(socketCount: site.sockets.count)
        let plotWidth = max(width - Self.marginLeft - Self.marginRight, 100)

        let sockets = PreviewSVGSocketPanel(site: site, result: result, colours: colours, labels: labels, style: socketStyle)
        let socketPanel = SVGPanel(left: Self.marginLeft, top: 84, width: plotWidth, height: socketStyle == .lines ? 240 : 280,
                                   time: time, amps: SVGAmpAxis(dataMax: sockets.dataMax))
        var phasePanels: [(PreviewSVGPhasePanel, SVGPanel)] = []
        var bottom = socketPanel.bottom
        for phase in site.phases {
            let chart = PreviewSVGPhasePanel(phase: phase, intervals: intervals, limit: result.summary.limit[phase])
            let panel = SVGPanel(left: Self.marginLeft, top: bottom + 56, width: plotWidth, height: 120,
                                 time: time, amps: SVGAmpAxis(dataMax: chart.dataMax))
            phasePanels.append((chart, panel))
            bottom = panel.bottom
        }
        let legend = PreviewSVGLegend(labels: labels, colours: colours, style: socketStyle)
        let legendTop = bottom + 52
        let height = legendTop + legend.height(width: plotWidth) + 12

        let title = "\(siteName): allocation over \(RenderFormat.clock(span))"
        var svg = SVGWriter()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>")
        svg.open("svg", [
            ("xmlns", SVGWriter.namespace), ("version", "1.1"), ("width", SVGWriter.number(width)),
            ("height", SVGWriter.number(height)), ("viewBox", "0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))"),
            ("font-family", "sans-serif"), ("font-size", "12"),
        ])
        svg.element("title", content: title)
        drawDefinitions(into: &svg)
        svg.element("rect", [("width", SVGWriter.number(width)), ("height", SVGWriter.number(height)), ("fill", "#ffffff")])
        svg.element("text", [("class", "title"), ("x", SVGWriter.number(Self.marginLeft)), ("y", "28")], content: title)
        svg.element("text", [("class", "subtitle"), ("x", SVGWriter.number(Self.marginLeft)), ("y", "48")],
                    content: subtitle(site: site))

        socketPanel.drawFrame(into: &svg, caption: socketStyle == .lines ? "Current per socket (A)" : "Current per socket, stacked (A)",
                              timeTitle: phasePanels.isEmpty)
        sockets.draw(into: &svg, panel: socketPanel)
        for (index, (chart, panel)) in phasePanels.enumerated() {
            panel.drawFrame(into: &svg, caption: "\(chart.phase.name): EV load against the available current (A)",
                            timeTitle: index == phasePanels.count - 1)
            chart.draw(into: &svg, panel: panel)
        }
        legend.draw(into: &svg, left: Self.marginLeft, top: legendTop, width: plotWidth)
        svg.close("svg")
        return svg.text
    }

    private func subtitle(site: AllocationSite) -> String {
        let sockets = site.sockets.count == 1 ? "1 socket" : "\(site.sockets.count) sockets"
        let phases = site.phases.count == 1 ? "1 phase" : "\(site.phases.count) phases"
        return "\(sockets), \(phases), installation limit \(SVGWriter.number(site.installationMaxCurrent)) A per phase"
    }

    /// The hatch that marks probing spans, and the text styles.
    private func drawDefinitions(into svg: inout SVGWriter) {
        svg.open("defs")
        svg.open("pattern", [("id", "probing-hatch"), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                             ("patternTransform", "rotate(45)")])
        svg.element("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", "#000000"),
                             ("stroke-opacity", "0.45"), ("stroke-width", "2")])
        svg.close("pattern")
        svg.element("style", [("type", "text/css")],
                    content: ".title{font-size:18px;font-weight:bold;fill:#222}.subtitle{fill:#555}.caption{font-weight:bold;fill:#333}")
        svg.close("defs")
    }
}
