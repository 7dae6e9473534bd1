/// The time axis of every panel: ticks in seconds, minutes or hours depending on the scenario's length, at
/// round steps, at most about ten of them so the labels never collide at the chart's width.
struct SVGTimeAxis: Sendable {
    let duration: Double
    /// Seconds per label unit, and the unit's name for the axis title.
    let unit: Double
    let unitName: String
    /// Seconds between ticks.
    let step: Double

    static let maxIntervals = 10.0

    init(duration: Double) {
        self.duration = max(duration, 1)
        switch self.duration {
        case ...180: (unit, unitName) = (1, "s")
        case ...(3 * 3600): (unit, unitName) = (60, "min")
        default: (unit, unitName) = (3600, "h")
        }
        let candidates: [Double] = unit == 3600
            ? [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24, 48, 72, 168]
            : [1, 2, 5, 10, 15, 20, 30, 60, 120]
        let span = self.duration / unit
        var chosen = candidates.first { span / $0 <= Self.maxIntervals } ?? candidates[candidates.count - 1]
        while span / chosen > Self.maxIntervals { chosen *= 2 }
        step = chosen * unit
    }

    var ticks: [Double] {
        var ticks: [Double] = []
        var index = 0.0
        while index * step <= duration + 1e-9 {
            ticks.append(index * step)
            index += 1
        }
        return ticks
    }

    func label(_ seconds: Double) -> String { SVGWriter.number(seconds / unit) }
    var title: String { "time (\(unitName))" }
}

/// The ampere axis of a panel: starts at zero, ends on a round value a little above the data so the highest
/// line does not merge with the frame, with 1-2-5 steps.
struct SVGAmpAxis: Sendable {
    let top: Double
    let step: Double

    init(dataMax: Double, maxIntervals: Double = 5) {
        let padded = max(dataMax, 1) * 1.08
        var magnitude = 1.0
        while magnitude * 10 <= padded / maxIntervals { magnitude *= 10 }
        while magnitude > padded / maxIntervals { magnitude /= 10 }
        let raw = padded / maxIntervals
        step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        top = (padded / step).rounded(.up) * step
    }

    var ticks: [Double] {
        let count = Int((top / step).rounded())
        return (0...max(count, 0)).map { Double($0) * step }
    }
}

/// A plot area in pixels and its two scales; draws the frame, gridlines, tick labels and caption.
struct SVGPanel: Sendable {
    var left: Double, top: Double, width: Double, height: Double
    let time: SVGTimeAxis
    let amps: SVGAmpAxis

    var bottom: Double { top + height }
    var right: Double { left + width }

    func x(_ seconds: Double) -> Double { left + max(0, min(seconds, time.duration)) / time.duration * width }
    func y(_ amperes: Double) -> Double { bottom - max(0, min(amperes, amps.top)) / amps.top * height }

    func drawFrame(into svg: inout SVGWriter, caption: String, timeTitle: Bool) {
        typealias N = SVGWriter
        svg.element("text", [("x", N.number(left)), ("y", N.number(top - 8)), ("class", "caption")], content: caption)
        svg.open("g", [("class", "grid"), ("stroke", "#e3e3e3"), ("stroke-width", "1")])
        for tick in amps.ticks {
            svg.element("line", [("x1", N.number(left)), ("y1", N.number(y(tick))), ("x2", N.number(right)), ("y2", N.number(y(tick)))])
        }
        for tick in time.ticks {
            svg.element("line", [("x1", N.number(x(tick))), ("y1", N.number(top)), ("x2", N.number(x(tick))), ("y2", N.number(bottom))])
        }
        svg.close("g")
        svg.open("g", [("class", "tick-labels"), ("fill", "#555")])
        for tick in amps.ticks {
            svg.element("text", [("x", N.number(left - 6)), ("y", N.number(y(tick) + 4)), ("text-anchor", "end")], content: N.number(tick))
        }
        for tick in time.ticks {
            svg.element("text", [("x", N.number(x(tick))), ("y", N.number(bottom + 16)), ("text-anchor", "middle")], content: time.label(tick))
        }
        if timeTitle {
            svg.element("text", [("x", N.number(right)), ("y", N.number(bottom + 34)), ("text-anchor", "end")], content: time.title)
        }
        svg.close("g")
        svg.element("rect", [("x", N.number(left)), ("y", N.number(top)), ("width", N.number(width)), ("height", N.number(height)),
                             ("fill", "none"), ("stroke", "#999"), ("stroke-width", "1")])
    }
}
