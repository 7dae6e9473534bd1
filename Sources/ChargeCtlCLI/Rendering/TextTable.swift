/// An aligned text table for human output (SPEC §1: human output is aligned tables), shared by every command.
/// Cells may carry ANSI styles: widths and padding are measured on the visible text, so columns line up with
/// and without colour. Every line of a table has the same visible width, so a reader's eye can follow a row.
struct TextTable: Sendable {
    enum Alignment: Sendable { case left, right }

    struct Column: Sendable {
        var header: String
        var alignment: Alignment

        init(_ header: String, _ alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }
    }

    var columns: [Column]
    var rows: [[String]] = []
    /// Between columns; two spaces keep numbers apart without drawing boxes.
    var gap = "  "
    /// A dashed rule under the header, one run of `-` per column.
    var headerRule = true
    /// Applied to the header texts (e.g. bold); nil leaves them plain.
    var headerStyle: ANSIStyle?
    var colour = false

    init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// Each column as wide as its widest visible cell or header. Rows shorter than the header are padded with
    /// empty cells; extra cells are ignored.
    var widths: [Int] {
        columns.indices.map { index in
            rows.reduce(ANSIStyle.visibleWidth(columns[index].header)) { widest, row in
                index < row.count ? max(widest, ANSIStyle.visibleWidth(row[index])) : widest
            }
        }
    }

    /// The visible width of every line.
    var width: Int {
        let widths = widths
        return widths.reduce(0, +) + max(0, widths.count - 1) * gap.count
    }

    func lines() -> [String] {
        let widths = widths
        var output: [String] = []
        let headers = columns.map { $0.header }
        output.append(line(headers, widths: widths, style: headerStyle))
        if headerRule {
            output.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: gap))
        }
        for row in rows { output.append(line(row, widths: widths, style: nil)) }
        return output
    }

    func render() -> String { lines().joined(separator: "\n") }

    /// One line of cells padded to `widths` (a streamed table knows its widths before its rows exist).
    func line(_ cells: [String], widths: [Int], style: ANSIStyle?) -> String {
        columns.indices.map { index in
            let raw = index < cells.count ? cells[index] : ""
            let text = style.map { $0.apply(raw, enabled: colour) } ?? raw
            switch columns[index].alignment {
            case .left: return RenderFormat.padRight(text, to: widths[index])
            case .right: return RenderFormat.padLeft(text, to: widths[index])
            }
        }.joined(separator: gap)
    }
}
