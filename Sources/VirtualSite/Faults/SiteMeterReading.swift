import AllocationCore

/// What the site meter measures as the installation is really built (issue 17): the non-EV load plus, when the
/// meter includes the chargers, each socket's current on the grid phases it is *wired* to — which a seeded fault
/// may make differ from the mapping its station allocates by — read through the meter's own phase order. Pure.
public enum SiteMeterReading {
    /// One socket drawing: A per phase, on these grid phases.
    public struct Draw: Sendable, Equatable {
        public var current: Double
        public var phases: [Phase]
        public init(current: Double, phases: [Phase]) {
            self.current = current
            self.phases = phases
        }
    }

    public static func currents(load: PhaseCurrents, draws: [Draw], includesChargers: Bool, faults: SiteFaults) -> PhaseCurrents {
        var grid = load
        if includesChargers {
            for draw in draws where draw.current > 0 { for phase in draw.phases { grid[phase] += draw.current } }
        }
        return faults.meterReading(grid)
    }
}
