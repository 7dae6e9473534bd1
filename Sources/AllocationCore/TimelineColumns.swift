/// Where each SCN id first sits in a list of ids, so renderers can keep a day of 128 sockets (256,000 shares) in
/// arrays by position and read each interval's table by walking it, not by a hashed lookup per socket and
/// interval (that lookup was a tenth of a preview's whole run, issue 14). SCN ids are small (1 to a few hundred):
/// a dense table answers without hashing; a list with an id far out of that range falls back to a dictionary.
public struct SocketPositions: Sendable {
    public let ids: [Int]
    private var dense: [Int] = []
    private var sparse: [Int: Int] = [:]
    private let isDense: Bool

    public init(_ ids: [Int]) {
        self.ids = ids
        let largest = ids.max() ?? 0
        isDense = (ids.min() ?? 0) >= 0 && largest < 65_536
        if isDense {
            dense = Array(repeating: -1, count: ids.isEmpty ? 0 : largest + 1)
            for (position, id) in ids.enumerated().reversed() { dense[id] = position }
        } else {
            for (position, id) in ids.enumerated() where sparse[id] == nil { sparse[id] = position }
        }
    }

    /// The position of `id`'s first mention.
    public subscript(id: Int) -> Int? {
        guard isDense else { return sparse[id] }
        guard id >= 0, id < dense.count, dense[id] >= 0 else { return nil }
        return dense[id]
    }
}

extension TimelineInterval {
    /// This interval's shares by position of `positions`' ids, `nil` where it has no entry for one, into `row`
    /// (reused from interval to interval).
    public func shares(by positions: SocketPositions, into row: inout [SocketAllocation?]) {
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: repeatElement(nil, count: positions.ids.count))
        for (id, share) in sockets {
            if let position = positions[id] { row[position] = share }
        }
        // An id named twice (a hand-made list) reads the same share as its first mention.
        for (position, id) in positions.ids.enumerated() where row[position] == nil {
            if let first = positions[id], first != position { row[position] = row[first] }
        }
    }
}

extension TimelineResult {
    /// Each socket's share in every interval, one column per id of `ids` in that order, `nil` where an interval
    /// has no entry for the socket: for renderers that read every socket of every interval more than once.
    public func socketColumns(ids: [Int]) -> [[SocketAllocation?]] {
        let positions = SocketPositions(ids)
        var columns = [[SocketAllocation?]](repeating: Array(repeating: nil, count: intervals.count), count: ids.count)
        var row: [SocketAllocation?] = []
        for (index, interval) in intervals.enumerated() {
            interval.shares(by: positions, into: &row)
            for (position, share) in row.enumerated() { columns[position][index] = share }
        }
        return columns
    }
}
