/// Folds the simulator's instants into intervals (merging those that print the same) and the summary.
struct TimelineRecorder {
    /// SPEC §2: power uses 230 V per phase.
    static let volts = 230.0

    enum Note {
        case unservable(socket: Int, minimum: Double, at: Double)
        case overCurrent(socket: Int, drawn: Double, at: Double)
    }

    let site: AllocationSite
    private(set) var intervals: [TimelineInterval] = []
    private var totals: [Int: SocketTotals]
    private var peak = PhaseCurrents.zero
    private var findings: [TimelineFinding] = []

    init(site: AllocationSite) {
        self.site = site
        self.totals = site.sockets.reduce(into: [:]) { $0[$1.id] = SocketTotals() }
    }

    mutating func record(_ allocation: Allocation, from: Double, to: Double) {
        guard to > from else { return }
        let seconds = to - from
        for (socket, share) in allocation.sockets {
            switch share.state {
            case .charging, .probing, .safe: totals[socket]?.chargingSeconds += seconds
            case .paused: totals[socket]?.pausedSeconds += seconds
            case .idle, .finished: break
            }
            totals[socket]?.energyKWh += share.current * Double(share.phases.count) * Self.volts * seconds / 3_600_000
        }
        peak = peak.combined(with: allocation.phaseLoad, max)

        let interval = TimelineInterval(from: from, to: to, sockets: allocation.sockets,
                                        phaseLoad: allocation.phaseLoad, available: allocation.available)
        if let last = intervals.last, last.to >= from - 1e-9, Self.printsSame(last, interval) {
            intervals[intervals.count - 1].to = to
        } else {
            intervals.append(interval)
        }
    }

    mutating func note(_ note: Note) {
        switch note {
        case let .unservable(socket, minimum, at):
            findings.append(TimelineFinding(
                severity: .warn, code: "allocation.minimum-unreachable",
                message: "socket \(socket): the EV needs at least \(Quantity.amps(minimum)) but cannot get it even alone; it stays paused",
                hint: "raise the limits in front of this socket (installation, ALB, station or socket maximum) or expect this EV not to charge",
                socket: socket, at: at))
        case let .overCurrent(socket, drawn, at):
            findings.append(TimelineFinding(
                severity: .warn, code: "allocation.over-current",
                message: "socket \(socket): the EV drew \(Quantity.amps(drawn)), more than allowed; paused 5 min (error 302)",
                hint: "an EV that ignores its limit is paused by the station; check the EV or the cable",
                socket: socket, at: at))
        }
    }

    func summary() -> TimelineSummary {
        TimelineSummary(sockets: totals, peakPhaseLoad: peak, limit: site.installationLimit, findings: findings)
    }

    /// Consecutive intervals must differ in something a reader sees: states, currents to 0.01 A, phases, loads.
    static func printsSame(_ a: TimelineInterval, _ b: TimelineInterval) -> Bool {
        func key(_ s: SocketAllocation) -> [Int] { [SocketState.allCases.firstIndex(of: s.state)!, centi(s.current)] + s.phases.map(\.rawValue) }
        func keys(_ p: PhaseCurrents) -> [Int] { Phase.allCases.map { centi(p[$0]) } }
        guard keys(a.phaseLoad) == keys(b.phaseLoad), keys(a.available) == keys(b.available) else { return false }
        return a.sockets.allSatisfy { id, share in b.sockets[id].map { key($0) == key(share) } ?? false }
    }

    static func centi(_ value: Double) -> Int { Int((value * 100).rounded()) }
}
