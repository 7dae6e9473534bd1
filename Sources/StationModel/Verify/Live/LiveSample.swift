import AllocationCore

/// One socket at one sample of `verify --live` (SPEC §8): what it draws and what the station lets it draw.
public struct LiveSocketSample: Sendable, Equatable {
    /// A per phase on the phases it draws on (an EV draws the same on each, SPEC §4).
    public var current: Double
    /// How many of its conductors draw (0 when it draws nothing).
    public var phases: Int
    /// The station's applied maximum for the socket (register 1206).
    public var appliedMax: Double

    public init(current: Double, phases: Int, appliedMax: Double) {
        self.current = current
        self.phases = phases
        self.appliedMax = appliedMax
    }

    /// From the socket's own meter, conductor by conductor: a conductor under `LiveSample.drawing` draws nothing.
    public init(perConductor: PhaseCurrents, appliedMax: Double) {
        let drawing = Phase.allCases.map { perConductor[$0] }.filter { $0 >= LiveSample.drawing }
        self.init(current: drawing.max() ?? 0, phases: drawing.count, appliedMax: appliedMax)
    }

    public var isCharging: Bool { phases > 0 && current >= LiveSample.drawing }
}

/// What `verify --live` read at one moment: the site meter per phase and every socket, by SCN socket id.
public struct LiveSample: Sendable, Equatable {
    /// Seconds since the test started (the first sample is taken before the limit is lowered).
    public var t: Double
    /// The site meter's per-phase currents as the meter reports them (its own L1, L2, L3); nil where no meter is
    /// read (an EMS site whose meter the laptop cannot reach: its set point is judged on the sockets alone).
    public var meter: PhaseCurrents?
    public var sockets: [Int: LiveSocketSample]

    public init(t: Double, meter: PhaseCurrents?, sockets: [Int: LiveSocketSample]) {
        self.t = t
        self.meter = meter
        self.sockets = sockets
    }

    /// Below this a conductor counts as drawing nothing: a socket meter's noise floor, well under any EV's 6 A.
    public static let drawing = 0.5

    /// SCN ids of the sockets that draw, in order.
    public var charging: [Int] { sockets.filter { $0.value.isCharging }.map(\.key).sorted() }

    /// The EVs' current per grid phase, each socket on the first phases of its mapping (SPEC §4).
    public func evLoad(on site: AllocationSite) -> PhaseCurrents {
        var load = PhaseCurrents.zero
        for (id, socket) in sockets where socket.isCharging {
            guard let spec = site.socket(id: id) else { continue }
            for phase in spec.phases(usedBy: socket.phases) { load[phase] += socket.current }
        }
        return load
    }

    /// What flows through the meter's point per phase, EVs included: a meter that does not include the chargers
    /// reads only the rest, so the EVs are added (SPEC §2 `includesChargers`). Without a meter, the EVs alone.
    public func total(on site: AllocationSite, includesChargers: Bool) -> PhaseCurrents {
        guard let meter else { return evLoad(on: site) }
        return includesChargers ? meter : meter.combined(with: evLoad(on: site), +)
    }

    /// The non-EV load per phase (SPEC §4 rule 4: "the EV currents are subtracted first"); none known without a meter.
    public func otherLoad(on site: AllocationSite, includesChargers: Bool) -> PhaseCurrents {
        guard let meter else { return .zero }
        return includesChargers ? meter.combined(with: evLoad(on: site)) { max(0, $0 - $1) } : meter
    }
}
