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
        var path = PathData()
        var previousEnd: Double?
        for segment in merged(segments) {
            let y = panel.y(segment.value) + offset
            if let end = previousEnd, abs(end - segment.from) < 1e-9 {
                path.command("V", y)
            } else {
                path.command("M", panel.x(segment.from), y)
            }
            path.command("H", panel.x(segment.to))
            previousEnd = segment.to
        }
        return path.isEmpty ? "M\(SVGWriter.number(panel.left)) \(SVGWriter.number(panel.bottom))" : path.text
    }
}

/// Path data as bytes: commands separated by one space, numbers as `SVGWriter.number` writes them.
struct PathData {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `Lx` or `Lx y`.
    mutating func command(_ letter: Unicode.Scalar, _ first: Double, _ second: Double? = nil) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
        bytes.append(UInt8(ascii: letter))
        SVGWriter.appendNumber(first, into: &bytes)
        guard let second else { return }
        bytes.append(UInt8(ascii: " "))
        SVGWriter.appendNumber(second, into: &bytes)
    }

    mutating func close() {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
        bytes.append(UInt8(ascii: "Z"))
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
        var path = PathData()
        path.command("M", panel.x(first.from), panel.y(first.top))
        for (index, slice) in slices.enumerated() {
            if index > 0 { path.command("V", panel.y(slice.top)) }
            path.command("H", panel.x(slice.to))
        }
        path.command("V", panel.y(last.base))
        for index in slices.indices.reversed() {
            path.command("H", panel.x(slices[index].from))
            if index > 0 { path.command("V", panel.y(slices[index - 1].base)) }
        }
        path.close()
        return path.text
    }
}
