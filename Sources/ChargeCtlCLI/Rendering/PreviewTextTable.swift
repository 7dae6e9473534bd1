import AllocationCore

/// The interval part of `preview`'s text output: one row per interval, one column per socket and per site phase.
/// Sites run to 128 sockets, so the socket columns wrap into blocks (each repeating the time column) that stay
/// within `maxLineWidth` and hold at most `maxSocketsPerBlock` sockets.
struct PreviewTextTable: Sendable {
    var colour = false
    var maxLineWidth = 120
    var maxSocketsPerBlock = 8

    /// A column before it is placed in a block.
    private struct PendingColumn {
        var column: TextTable.Column
        var cells: [String]
        var width: Int {
            cells.reduce(ANSIStyle.visibleWidth(column.header)) { max($0, ANSIStyle.visibleWidth($1)) }
        }
    }

    func blocks(site: AllocationSite, result: TimelineResult) -> [TextTable] {
        let intervals = result.intervals
        let cells = PreviewTextCells(colour: colour)
        let time = PendingColumn(column: .init("time"),
                                 cells: intervals.map { RenderFormat.span(from: $0.from, to: $0.to) })
        let sockets = site.sockets.map { socket in
            PendingColumn(column: .init(SocketLabel.text(socket, in: site)),
                          cells: cells.socketColumn(intervals.map { $0.sockets[socket.id] ?? .idle }))
        }
        let phases = site.phases.map { phase in
            PendingColumn(column: .init(phase.name, .right),
                          cells: intervals.map { cells.phaseCell(load: $0.phaseLoad[phase], available: $0.available[phase]) })
        }

        var groups = socketGroups(sockets, after: time)
        let phaseWidth = phases.reduce(0) { $0 + gapWidth + $1.width }
        if let last = groups.last, width(of: [time] + last) + phaseWidth <= maxLineWidth {
            groups[groups.count - 1] += phases
        } else if !phases.isEmpty {
            groups.append(phases)
        }
        return groups.map { group in
            var table = TextTable(columns: ([time] + group).map(\.column))
            table.rows = intervals.indices.map { row in ([time] + group).map { $0.cells[row] } }
            table.headerStyle = .bold
            table.colour = colour
            return table
        }
    }

    /// Greedy: fill a block with sockets in SCN-id order until the next would break a limit; every block takes
    /// at least one socket, so a very long label cannot stall the wrapping.
    private func socketGroups(_ sockets: [PendingColumn], after time: PendingColumn) -> [[PendingColumn]] {
        var groups: [[PendingColumn]] = []
        var current: [PendingColumn] = []
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

    private func width(of columns: [PendingColumn]) -> Int {
        columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1) * gapWidth
    }
}
