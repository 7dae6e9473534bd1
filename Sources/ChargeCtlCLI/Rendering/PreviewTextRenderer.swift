import AllocationCore

/// `chargectl preview`'s human output (SPEC §2): the interval table, a key to its abbreviations, and the summary.
/// Pure: the command decides whether colour is allowed (TTY, `NO_COLOR`, SPEC §1) and prints the text.
struct PreviewTextRenderer: Sendable {
    var colour: Bool
    /// Lines stay under this many visible characters where the labels allow it.
    var maxLineWidth = 120
    var maxSocketsPerBlock = 8

    init(colour: Bool, maxLineWidth: Int = 120, maxSocketsPerBlock: Int = 8) {
        self.colour = colour
        self.maxLineWidth = maxLineWidth
        self.maxSocketsPerBlock = maxSocketsPerBlock
    }

    /// A key to the abbreviations, within the 120 columns the tables keep to.
    static let key = "chg charging  prb probing  pau paused  safe safe current (station lost)  fin finished  - idle"
        + "  Ln: EV load/available A"

    /// Every line of the output as UTF-8, each passed to `line` as it is made (a day of 128 sockets is never held
    /// whole, and its half a million cells never become `String`s).
    func write(site: AllocationSite, result: TimelineResult, _ line: ([UInt8]) -> Void) {
        PreviewTextTable(colour: colour, maxLineWidth: maxLineWidth, maxSocketsPerBlock: maxSocketsPerBlock)
            .write(site: site, result: result, line)
        line(Array(ANSIStyle.dim.apply(Self.key, enabled: colour).utf8))
        line([])
        PreviewTextSummary(colour: colour).lines(site: site, summary: result.summary).forEach { line(Array($0.utf8)) }
    }

    func lines(site: AllocationSite, result: TimelineResult) -> [String] {
        var lines: [String] = []
        write(site: site, result: result) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    /// The whole output, newline-terminated, ready to print.
    func render(site: AllocationSite, result: TimelineResult) -> String {
        lines(site: site, result: result).joined(separator: "\n") + "\n"
    }
}
