import AllocationCore

/// The interval part of `preview`'s text output: one row per interval, one column per socket and per site phase.
/// Sites run to 128 sockets, so the socket columns wrap into blocks (each repeating the time column) that stay
/// within `maxLineWidth` and hold at most `maxSocketsPerBlock` sockets.
///
/// A day of a 128-socket site is 2,000 rows of 16 blocks: the widths come from one pass over the timeline and the
/// lines are made as they are written (`write`), never held as a whole table (issue 14).
struct PreviewTextTable: Sendable {
    var colour = false
    var maxLineWidth = 120
    var maxSocketsPerBlock = 8

    /// A column laid out over the whole timeline: its visible width is known before any row is written. A day of
    /// 128 sockets is half a million cells but far fewer distinct ones (a socket's share mostly repeats from one
    /// interval to the next), so a column keeps each distinct cell once, plain and padded, and a row its index.
    struct Column {
        var column: TextTable.Column
        var width: Int
        /// The distinct cells, as made by the cell functions.
        private(set) var texts: [String] = []
        /// `texts` padded to `width` as UTF-8: what a row's line is assembled from.
        private(set) var padded: [[UInt8]] = []
        /// The index in `texts` of each row's cell.
        private(set) var rows: [Int32] = []

        init(_ column: TextTable.Column, width: Int, rows: Int) {
            self.column = column
            self.width = width
            self.rows.reserveCapacity(rows)
        }

        /// Every row its own cell, the column as wide as the widest.
        init(_ column: TextTable.Column, cells: [String]) {
            let width = cells.reduce(ANSIStyle.visibleWidth(column.header)) { max($0, ANSIStyle.visibleWidth($1)) }
            self.init(column, width: width, rows: cells.count)
            cells.forEach { append($0) }
        }

        func cell(_ row: Int) -> String { texts[Int(rows[row])] }

        /// The next row's cell, a new one.
        mutating func append(_ text: String) { append(text, padded: pad(text)) }

        /// `text` padded to this column's width and alignment, as UTF-8.
        func pad(_ text: String) -> [UInt8] {
            Array((column.alignment == .left ? RenderFormat.padRight(text, to: width) : RenderFormat.padLeft(text, to: width)).utf8)
        }

        /// The next row's cell, a new one already padded to this column's width and alignment.
        mutating func append(_ text: String, padded bytes: [UInt8]) {
            texts.append(text)
            padded.append(bytes)
            rows.append(Int32(texts.count - 1))
        }

        /// The next row's cell, the same as the row before.
        mutating func repeatLast() { rows.append(rows[rows.count - 1]) }
    }

    /// The blocks' columns, the time column first in each.
    func layout(site: AllocationSite, result: TimelineResult) -> [[Column]] {
        let intervals = result.intervals
        let cells = PreviewTextCells(colour: colour)
        let time = Column(.init("time"), cells: intervals.map { RenderFormat.span(from: $0.from, to: $0.to) })
        let sockets = socketColumns(site: site, intervals: intervals, cells: cells)
        let phases = site.phases.map { phase in
            Column(.init(phase.name, .right),
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

    /// The socket columns, read interval by interval (each interval's table walked once, no share held beyond its
    /// row): one pass for each column's format, one for its cells.
    private func socketColumns(site: AllocationSite, intervals: [TimelineInterval], cells: PreviewTextCells) -> [Column] {
        let positions = SocketPositions(site.sockets.map(\.id))
        var row: [SocketAllocation?] = []
        var formats = Array(repeating: PreviewTextCells.SocketColumnFormat(), count: site.sockets.count)
        for interval in intervals {
            interval.shares(by: positions, into: &row)
            for (position, share) in row.enumerated() { formats[position].include(share ?? .idle) }
        }
        var columns = site.sockets.indices.map { position in
            formats[position].finish()
            let header = TextTable.Column(SocketLabel.text(site.sockets[position], in: site))
            return Column(header, width: max(ANSIStyle.visibleWidth(header.header), formats[position].width), rows: intervals.count)
        }
        var last = [SocketAllocation?](repeating: nil, count: site.sockets.count)
        // Sockets of one site mostly share a format and go back and forth between a few currents: a cell made
        // once for one column serves every column of its width and format.
        var made: [SocketCellKey: (text: String, padded: [UInt8])] = [:]
        for interval in intervals {
            interval.shares(by: positions, into: &row)
            for (position, share) in row.enumerated() {
                let share = share ?? .idle
                if share == last[position] {
                    columns[position].repeatLast()
                    continue
                }
                last[position] = share
                let key = SocketCellKey(width: columns[position].width, format: formats[position], share: share)
                if made[key] == nil {
                    let text = cells.socketCell(share, formats[position])
                    made[key] = (text, columns[position].pad(text))
                }
                let cell = made[key]!
                columns[position].append(cell.text, padded: cell.padded)
            }
        }
        return columns
    }

    /// Every line of every block as UTF-8, a blank line between blocks, each passed to `line` as it is made.
    func write(site: AllocationSite, result: TimelineResult, _ line: ([UInt8]) -> Void) {
        for (index, block) in layout(site: site, result: result).enumerated() {
            if index > 0 { line([]) }
            let table = styled(TextTable(columns: block.map(\.column)))
            let widths = block.map(\.width)
            line(Array(table.line(block.map(\.column.header), widths: widths, style: table.headerStyle).utf8))
            if table.headerRule { line(Array(widths.map { String(repeating: "-", count: $0) }.joined(separator: table.gap).utf8)) }
            let gap = Array(table.gap.utf8)
            var text: [UInt8] = []
            for row in result.intervals.indices {
                // `table.line(cells, widths:, style: nil)`, from cells padded once.
                text.removeAll(keepingCapacity: true)
                for (index, column) in block.enumerated() {
                    if index > 0 { text += gap }
                    text += column.padded[Int(column.rows[row])]
                }
                line(text)
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

/// What a socket cell's padded text depends on: the column's width and format, and the share's state and current
/// (the phases are not shown).
private struct SocketCellKey: Hashable {
    var width: Int
    var tagWidth: Int
    var numberWidth: Int
    var state: SocketState
    /// By its bits: -0 and 0 are equal as numbers but need not print alike.
    var current: UInt64

    init(width: Int, format: PreviewTextCells.SocketColumnFormat, share: SocketAllocation) {
        self.width = width
        tagWidth = format.tagWidth
        numberWidth = format.numberWidth
        state = share.state
        current = share.current.bitPattern
    }
}
