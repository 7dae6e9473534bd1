/// Headroom per phase and per station-phase while an instant is being allocated.
struct CapacityLedger {
    var phase: PhaseCurrents
    /// Station index → headroom per phase under Station-MaxCurrent.
    var station: [PhaseCurrents]

    init(phase: PhaseCurrents, stations: [StationSpec]) {
        self.phase = phase
        self.station = stations.map { .uniform($0.maxCurrent) }
    }

    /// The most one more draw on `phases` of `station` could take.
    func headroom(station index: Int, phases: PhaseList) -> Double {
        phases.map { min(phase[$0], station[index][$0]) }.min() ?? 0
    }

    mutating func consume(_ current: Double, station index: Int, phases: PhaseList) {
        for p in phases {
            phase[p] -= current
            station[index][p] -= current
        }
    }

    /// Whether every draw at its given current fits, within 1 mA (SPEC §4).
    func admits(_ draws: [(station: Int, phases: PhaseList, current: Double)]) -> Bool {
        var copy = self
        for draw in draws { copy.consume(draw.current, station: draw.station, phases: draw.phases) }
        return Phase.allCases.allSatisfy { copy.phase[$0] >= -Allocator.tolerance }
            && copy.station.allSatisfy { s in Phase.allCases.allSatisfy { s[$0] >= -Allocator.tolerance } }
    }
}
