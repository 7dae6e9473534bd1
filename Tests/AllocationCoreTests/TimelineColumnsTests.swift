import Testing
@testable import AllocationCore

/// `TimelineInterval.shares(by:into:)` and `TimelineResult.socketColumns` are what the preview renderers read
/// instead of looking each share up: they must give exactly the lookup's answer, for any list of ids.
@Suite struct TimelineColumnsTests {
    @Test func columnsAreTheLookupsForRandomSites() {
        for seed in UInt64(70_000)..<70_100 {
            let random = RandomSite.make(seed: seed)
            let result = Timeline(site: random.site, events: random.events, duration: random.duration).run()
            let ids = random.site.sockets.map(\.id)
            let columns = result.socketColumns(ids: ids)
            #expect(columns.count == ids.count)
            for (position, id) in ids.enumerated() {
                #expect(columns[position] == result.intervals.map { $0.sockets[id] }, "seed \(seed) socket \(id)")
            }
        }
    }

    @Test func idsInAnyOrderMissingRepeatedOrFarOutOfRange() {
        let a = SocketAllocation(state: .charging, current: 10, phases: [.l1])
        let b = SocketAllocation(state: .paused)
        let far = SocketAllocation(state: .safe, current: 6, phases: [.l2])
        let result = TimelineResult(intervals: [
            TimelineInterval(from: 0, to: 10, sockets: [1: a, 2: b], phaseLoad: .zero, available: .zero),
            TimelineInterval(from: 10, to: 20, sockets: [2: a, 1_000_000: far], phaseLoad: .zero, available: .zero),
        ], summary: TimelineSummary(sockets: [:], peakPhaseLoad: .zero, limit: .zero, findings: []), evaluatedInstants: 2)
        // Dense ids, one named twice and one the intervals do not have.
        #expect(result.socketColumns(ids: [2, 1, 7, 2]) == [[b, a], [a, nil], [nil, nil], [b, a]])
        // An id beyond the dense table's range, and a negative one.
        #expect(result.socketColumns(ids: [1_000_000, 1, -3]) == [[nil, far], [a, nil], [nil, nil]])
        #expect(result.socketColumns(ids: []).isEmpty)
    }
}
