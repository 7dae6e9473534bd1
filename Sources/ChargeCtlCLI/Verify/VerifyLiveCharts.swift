import AllocationCore
import StationModel

/// The live test's charts for the report (SPEC §8): the meter per phase against the lowered limit, and each
/// socket's current beside the allocation core's prediction. Drawn with the preview's SVG pieces.
enum VerifyLiveCharts {
    static let width = 680.0
    static let height = 260.0
    static let phaseColours = ["#4e79a7", "#f28e2b", "#59a14f"]

    /// One inline `<svg>` per chart, with its caption.
    static func charts(_ live: VerifyLiveResult) -> [(caption: String, svg: String)] {
        guard !live.samples.isEmpty else { return [] }
        let duration = max((live.samples.map(\.t) + live.predicted.map(\.t)).max() ?? 1, 1)
        return [("Meter current per phase against the lowered limit", meterChart(live, duration: duration)),
                ("Each socket's current, measured (solid) and predicted (dashed)", socketChart(live, duration: duration))]
    }

    static func meterChart(_ live: VerifyLiveResult, duration: Double) -> String {
        let peak = live.samples.flatMap { $0.meter.compactMap { $0 } }.max() ?? 0
        let panel = SVGPanel(left: 48, top: 24, width: width - 64, height: height - 70, time: SVGTimeAxis(duration: duration),
                             amps: SVGAmpAxis(dataMax: max(peak, live.limit)))
        var svg = start()
        panel.drawFrame(into: &svg, caption: "meter (A)", timeTitle: true)
        for phase in 0..<3 {
            let segments = steps(live.samples, duration: duration) { $0.meter.indices.contains(phase) ? $0.meter[phase] : nil }
            line(&svg, segments, panel, colour: phaseColours[phase], label: "L\(phase + 1)")
        }
        let limit = SVGStepPath.Segment(from: 0, to: duration, value: live.limit)
        svg.element("path", [("d", SVGStepPath.line([limit], in: panel)), ("fill", "none"), ("stroke", "#c00"), ("stroke-width", "1.5"),
                             ("stroke-dasharray", "6 4"), ("class", "limit")])
        legend(&svg, panel, ["L1", "L2", "L3", "limit \(Quantity.amps(live.limit))"], colours: phaseColours + ["#c00"])
        svg.close("svg")
        return svg.text
    }

    static func socketChart(_ live: VerifyLiveResult, duration: Double) -> String {
        let ids = Set(live.samples.flatMap(\.sockets.keys) + live.predicted.flatMap(\.sockets.keys)).sorted()
        let peak = (live.samples + live.predicted).flatMap(\.sockets.values).max() ?? 0
        let panel = SVGPanel(left: 48, top: 24, width: width - 64, height: height - 70, time: SVGTimeAxis(duration: duration),
                             amps: SVGAmpAxis(dataMax: peak))
        let colours = SVGPalette.colours(count: ids.count)
        var svg = start()
        panel.drawFrame(into: &svg, caption: "sockets (A)", timeTitle: true)
        for (index, id) in ids.enumerated() {
            line(&svg, steps(live.samples, duration: duration) { $0.sockets[id] }, panel, colour: colours[index], label: "socket \(id)")
            line(&svg, steps(live.predicted, duration: duration) { $0.sockets[id] }, panel, colour: colours[index],
                 label: "socket \(id) predicted", dashed: true)
        }
        legend(&svg, panel, ids.map { "socket \($0)" }, colours: colours)
        svg.close("svg")
        return svg.text
    }

    /// Each sample holds until the next one (the last until the end).
    static func steps(_ samples: [VerifyLiveResult.Sample], duration: Double,
                      _ value: (VerifyLiveResult.Sample) -> Double?) -> [SVGStepPath.Segment] {
        let sorted = samples.sorted { $0.t < $1.t }
        return sorted.indices.compactMap { index in
            guard let amps = value(sorted[index]) else { return nil }
            let end = index + 1 < sorted.count ? sorted[index + 1].t : duration
            return SVGStepPath.Segment(from: sorted[index].t, to: max(end, sorted[index].t), value: amps)
        }
    }

    static func start() -> SVGWriter {
        var svg = SVGWriter()
        // No namespace URL: the HTML parser knows inline SVG, and the report names no address at all.
        svg.open("svg", [("viewBox", "0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))"), ("width", SVGWriter.number(width)),
                         ("height", SVGWriter.number(height)), ("font-family", "sans-serif"), ("font-size", "11"), ("role", "img")])
        return svg
    }

    static func line(_ svg: inout SVGWriter, _ segments: [SVGStepPath.Segment], _ panel: SVGPanel, colour: String, label: String,
                     dashed: Bool = false) {
        guard !segments.isEmpty else { return }
        var attributes: SVGWriter.Attributes = [("d", SVGStepPath.line(segments, in: panel)), ("fill", "none"), ("stroke", colour),
                                                ("stroke-width", dashed ? "1.5" : "2")]
        if dashed { attributes.append(("stroke-dasharray", "4 3")) }
        svg.open("path", attributes)
        svg.element("title", content: label)
        svg.close("path")
    }

    static func legend(_ svg: inout SVGWriter, _ panel: SVGPanel, _ labels: [String], colours: [String]) {
        var x = panel.left
        let y = panel.top - 8
        for (label, colour) in zip(labels, colours) {
            x += 110
            svg.element("rect", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(y - 8)), ("width", "10"), ("height", "10"), ("fill", colour)])
            svg.element("text", [("x", SVGWriter.number(x + 14)), ("y", SVGWriter.number(y + 1))], content: label)
        }
    }
}
