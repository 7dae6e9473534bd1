import AllocationCore

/// What `verify --live` lowers (SPEC §8): the meter maximum for a meter source, the EMS set point for an EMS source.
public enum LiveTarget: String, Sendable, Equatable, Codable {
    /// `SmartMeter-MaxCurrent` (`alb.maxCurrent`) of the ALB station, written through the station link.
    case meterMaxCurrent = "SmartMeter-MaxCurrent"
    /// The SCN set point (registers 1417–1421 at unit 200 of the ALB station), written over Modbus; it lapses after
    /// the EMS validity time by itself.
    case emsSetPoint = "EMS set point"
}

/// The load test's one change, decided before anything is sent: which value, on which station, lowered to what,
/// for how long, and what goes back. Pure.
public struct LiveTestPlan: Sendable, Equatable {
    public var target: LiveTarget
    /// The ALB station (`alb.station`, else the site's first station).
    public var station: String
    /// The value as read before the change; it is what the restore writes back.
    public var original: Double
    /// A per phase.
    public var lowered: Double
    /// Seconds the allocation gets to follow the lowered value before it is judged (SPEC §8, `--settle`).
    public var settle: Double

    public init(target: LiveTarget, station: String, original: Double, lowered: Double, settle: Double = LiveTestPlan.defaultSettle) {
        self.target = target
        self.station = station
        self.original = original
        self.lowered = lowered
        self.settle = settle
    }

    public static let defaultSettle = 30.0
    /// The least a test lowers below what flows: less would be lost in a meter's noise.
    public static let minimumStep = 2.0
    /// An EV's minimum as the test assumes it: probing tells 6 A from 14 A (SPEC §4 rule 1) but no register shows
    /// which, so the smaller; an EV that needs 14 A may pause, and the prediction then differs from what happens.
    public static let assumedMinimum = 6.0

    /// What the test does, given the site and the sample taken before any change.
    public enum Decision: Sendable, Equatable {
        case lower(LiveTestPlan)
        /// No EV draws: nothing to see (`verify.live.no-load`; with `allowIdle` a warning and no change).
        case idle(Finding)
        /// Nothing can be lowered without pausing an EV or going under the safe current: not tested.
        case noRoom(Finding)
        /// The site has no ALB (or an EMS in socket mode): there is no single value to lower.
        case notApplicable(Finding)
    }

    /// Decides the change. The lowered value lies below what flows now on the busiest phase — halfway down to what
    /// the charging EVs' minimums (6 A each) need, at least `minimumStep` below — and never under what keeps each of
    /// them at its minimum or under `Safe-MaxCurrent` (the value the site is known to hold with the meter lost).
    public static func decide(site: Site, before: LiveSample, original: Double, settle: Double = defaultSettle,
                              allowIdle: Bool = false) -> Decision {
        guard let alb = site.alb else {
            return .notApplicable(Finding(severity: .warn, code: "verify.live.no-alb", message: "the site has no ALB: there is no available current to lower",
                                          hint: "`verify --live` tests Active Load Balancing; add an `alb` block to test it"))
        }
        let station = alb.station ?? site.stations.first?.id ?? ""
        let allocation = site.allocationSite()
        let charging = before.charging
        guard !charging.isEmpty else { return .idle(LiveFindings.noLoad(allowIdle: allowIdle)) }
        let ev = before.evLoad(on: allocation)
        var perPhaseMinimum = PhaseCurrents.zero
        for id in charging {
            guard let spec = allocation.socket(id: id), let socket = before.sockets[id] else { continue }
            for phase in spec.phases(usedBy: socket.phases) { perPhaseMinimum[phase] += assumedMinimum }
        }
        let target: LiveTarget
        let flowing: PhaseCurrents
        var floor: Double
        switch alb.source {
        case .ems:
            guard (alb.ems ?? EMSSettings()).mode == .scn else {
                return .notApplicable(Finding(severity: .warn, code: "verify.live.ems-socket-mode",
                                              message: "the EMS writes set points per socket: there is no SCN set point to lower",
                                              hint: "test the EMS's own per-socket set points from the EMS"))
            }
            target = .emsSetPoint
            // The SCN set point bounds the EVs alone.
            flowing = ev
            floor = 0
        case .p1, .tic, .modbusRTU, .modbusTCP:
            target = .meterMaxCurrent
            flowing = before.total(on: allocation, includesChargers: alb.includesChargers)
            let other = before.otherLoad(on: allocation, includesChargers: alb.includesChargers)
            floor = alb.safeCurrent
            for phase in Phase.allCases { floor = max(floor, other[phase] + perPhaseMinimum[phase]) }
        }
        for phase in Phase.allCases { floor = max(floor, perPhaseMinimum[phase]) }
        floor = max(1, floor.rounded(.up))
        let busiest = Phase.allCases.max { ev[$0] < ev[$1] } ?? .l1
        let headroom = max(0, ev[busiest] - perPhaseMinimum[busiest])
        let top = Phase.allCases.map { flowing[$0] }.max() ?? 0
        let lowered = max(floor, (top - max(minimumStep, headroom / 2)).rounded(.down))
        guard lowered <= top - minimumStep + 1e-9 else {
            return .noRoom(Finding(severity: .warn, code: "verify.live.no-room",
                                   message: "not tested: \(Quantity.amps(top)) flows on the busiest phase and the EVs are at their minimums (\(Quantity.amps(floor)) is the least the limit may be)",
                                   hint: "run the test while the EVs charge above their minimum (fewer EVs, or more available current)"))
        }
        return .lower(LiveTestPlan(target: target, station: station, original: original, lowered: lowered, settle: settle))
    }
}
