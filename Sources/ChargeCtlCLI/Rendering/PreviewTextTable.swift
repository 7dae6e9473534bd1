import AllocationCore

/// The interval part of `preview`'s text output: one row per interval, one column per socket and per site phase.
/// Sites run to 128 sockets, so the socket columns wrap into blocks (each repeating the time column) that stay
/// within `maxLineWidth` and hold at most `maxSocketsPerBlock` sockets.
///
/// A day of a 128-socket site is 2,000 rows of 16 blocks: the widths come from one pass over the timeline and the
/// rows are made as they are written (`write`), never held as a whole table of cells (issue 14).
struct PreviewTextTable: Sendable {
    var colour = false
    var maxLineWidth = 120
    var maxSocketsPerBlock = 8

    /// A column laid out over the whole timeline: its visible width is known before any row is written.
    struct Column {
        var column: TextTable.Column
        var width: Int
        /// The cell of row `index`.
        var cell: (_ index: Int) -> String
        /// The cell of row `index` padded to `width` as UTF-8, appended to the line being written: a day of 128
        /// sockets is half a million cells, so padding is done once per distinct cell, not once per row.
        var padded: (_ index: Int, _ line: inout [UInt8]) -> Void
    }

    /// The blocks' columns, the time column first in each.
    func layout(site: AllocationSite, result: TimelineResult) -> [[Column]] {
        let intervals = result.intervals
        let cells = PreviewTextCells(colour: colour)
        let timeCells = intervals.map { RenderFormat.span(from: $0.from, to: $0.to) }
        let time = Self.column(.init("time"), cells: timeCells)
        let sockets = site.sockets.map { socket -> Column in
            let header = TextTable.Column(SocketLabel.text(socket, in: site))
            let shares = intervals.map { $0.sockets[socket.id] ?? .idle }
            let format = PreviewTextCells.SocketColumnFormat(shares)
            let width = max(ANSIStyle.visibleWidth(header.header), format.width)
            // Consecutive rows mostly repeat a socket's share: its last cell, plain and padded, is kept.
            let last = LastCell()
            func cell(_ row: Int) -> LastCell {
                let share = shares[row]
                if let cached = last.share, cached == share { return last }
                last.share = share
                last.text = cells.socketCell(share, format)
                last.padded = Array(RenderFormat.padRight(last.text, to: width).utf8)
                return last
            }
            return Column(column: header, width: width, cell: { cell($0).text }, padded: { $1 += cell($0).padded })
        }
        let phases = site.phases.map { phase in
            Self.column(.init(phase.name, .right),
                        cells: intervals.map { cells.phaseCell(load: $0.phaseLoad[phase], available: $0.available[phase]) })
        }

        var groups = socketGroups(sockets, after: time)
        let phaseWidth = phases.reduce(0) { $0 + gapWidth + $1.width }
        if let last = groups.last, width(of: [time] + last) + phaseWidth <= maxLineWidth {
            groups[groups.count - 1] += phases
        } else if !phases.isEmpty {
            groups.append(phases)
        }
        return groups.map { [time] + $0 }
    }

    /// Every line of every block, a blank line between blocks, each passed to `line` as it is made.
    func write(site: AllocationSite, result: TimelineResult, _ line: (String) -> Void) {
        for (index, block) in layout(site: site, result: result).enumerated() {
            if index > 0 { line("") }
            let table = styled(TextTable(columns: block.map(\.column)))
            let widths = block.map(\.width)
            line(table.line(block.map(\.column.header), widths: widths, style: table.headerStyle))
            if table.headerRule { line(widths.map { String(repeating: "-", count: $0) }.joined(separator: table.gap)) }
            let gap = Array(table.gap.utf8)
            var text: [UInt8] = []
            for row in result.intervals.indices {
                // `table.line(cells, widths:, style: nil)`, from cells padded once.
                text.removeAll(keepingCapacity: true)
                for (index, column) in block.enumerated() {
                    if index > 0 { text += gap }
                    column.padded(row, &text)
                }
                line(String(decoding: text, as: UTF8.self))
            }
        }
    }

    /// The blocks as whole tables (for tests and small sites; `write` streams the same lines).
    func blocks(site: AllocationSite, result: TimelineResult) -> [TextTable] {
        layout(site: site, result: result).map { block in
            var table = styled(TextTable(columns: block.map(\.column)))
            table.rows = result.intervals.indices.map { row in block.map { $0.cell(row) } }
            return table
        }
    }

    private func styled(_ table: TextTable) -> TextTable {
        var table = table
        table.headerStyle = .bold
        table.colour = colour
        return table
    }

    private static func column(_ column: TextTable.Column, cells: [String]) -> Column {
        let width = cells.reduce(ANSIStyle.visibleWidth(column.header)) { max($0, ANSIStyle.visibleWidth($1)) }
        // The time column repeats in every block: each cell is padded once, when first written.
        let padded = PaddedCells(cells, width: width, alignment: column.alignment)
        return Column(column: column, width: width, cell: { cells[$0] }, padded: { $1 += padded[$0] })
    }

    /// Greedy: fill a block with sockets in SCN-id order until the next would break a limit; every block takes
    /// at least one socket, so a very long label cannot stall the wrapping.
    private func socketGroups(_ sockets: [Column], after time: Column) -> [[Column]] {
        var groups: [[Column]] = []
        var current: [Column] = []
        for socket in sockets {
            let fits = current.count < max(1, maxSocketsPerBlock)
                && width(of: [time] + current + [socket]) <= maxLineWidth
            if !fits, !current.isEmpty {
                groups.append(current)
                current = []
            }
            current.append(socket)
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    private var gapWidth: Int { 2 }

    private func width(of columns: [Column]) -> Int {
        columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1) * gapWidth
    }
}

/// A socket column's last share and its cell, plain and padded to the column's width.
private final class LastCell {
    var share: SocketAllocation?
    var text = ""
    var padded: [UInt8] = []
}

/// A column's cells padded to its width, each made when first asked for.
private final class PaddedCells {
    let cells: [String]
    let width: Int
    let alignment: TextTable.Alignment
    private var padded: [[UInt8]?]

    init(_ cells: [String], width: Int, alignment: TextTable.Alignment) {
        self.cells = cells
        self.width = width
        self.alignment = alignment
        padded = Array(repeating: nil, count: cells.count)
    }

    subscript(row: Int) -> [UInt8] {
        if let done = padded[row] { return done }
        let text = alignment == .left ? RenderFormat.padRight(cells[row], to: width) : RenderFormat.padLeft(cells[row], to: width)
        let bytes = Array(text.utf8)
        padded[row] = bytes
        return bytes
    }
}
