/// Path data for step functions: each segment holds its value from `from` to `to`; jumps are vertical.
enum SVGStepPath {
    struct Segment: Sendable, Equatable {
        var from: Double, to: Double, value: Double
    }

    /// Neighbouring segments with the same value (at pixel precision) merge, which keeps long quiet stretches
    /// to one command instead of one per interval.
    static func merged(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        for segment in segments {
            if let last = result.last, abs(last.to - segment.from) < 1e-9, abs(last.value - segment.value) < 0.005 {
                result[result.count - 1].to = segment.to
            } else {
                result.append(segment)
            }
        }
        return result
    }

    /// A line `M x y H x V y H x …` in pixel coordinates; a gap starts a new subpath.
    static func line(_ segments: [Segment], in panel: SVGPanel, offset: Double = 0) -> String {
        var parts: [String] = []
        var previousEnd: Double?
        for segment in merged(segments) {
            let y = SVGWriter.number(panel.y(segment.value) + offset)
            if let end = previousEnd, abs(end - segment.from) < 1e-9 {
                parts.append("V\(y)")
            } else {
                parts.append("M\(SVGWriter.number(panel.x(segment.from))) \(y)")
            }
            parts.append("H\(SVGWriter.number(panel.x(segment.to)))")
            previousEnd = segment.to
        }
        return parts.isEmpty ? "M\(SVGWriter.number(panel.left)) \(SVGWriter.number(panel.bottom))" : parts.joined(separator: " ")
    }
}

extension SVGStepPath {
    /// A stacked area's slice: from `base` up to `top` over the segment's time.
    struct Band: Sendable, Equatable {
        var from: Double, to: Double, base: Double, top: Double
    }

    /// The slice outline: along the top forwards, down, along the base backwards, closed. Neighbours with the
    /// same base and top merge first, as in `merged`.
    static func area(_ bands: [Band], in panel: SVGPanel) -> String {
        var slices: [Band] = []
        for band in bands {
            if let last = slices.last, abs(last.to - band.from) < 1e-9, abs(last.base - band.base) < 0.005,
               abs(last.top - band.top) < 0.005 {
                slices[slices.count - 1].to = band.to
            } else {
                slices.append(band)
            }
        }
        guard let first = slices.first, let last = slices.last else {
            return "M\(SVGWriter.number(panel.left)) \(SVGWriter.number(panel.bottom))"
        }
        let x = { SVGWriter.number(panel.x($0)) }
        let y = { SVGWriter.number(panel.y($0)) }
        var parts = ["M\(x(first.from)) \(y(first.top))"]
        for (index, slice) in slices.enumerated() {
            if index > 0 { parts.append("V\(y(slice.top))") }
            parts.append("H\(x(slice.to))")
        }
        parts.append("V\(y(last.base))")
        for index in slices.indices.reversed() {
            parts.append("H\(x(slices[index].from))")
            if index > 0 { parts.append("V\(y(slices[index - 1].base))") }
        }
        parts.append("Z")
        return parts.joined(separator: " ")
    }
}
