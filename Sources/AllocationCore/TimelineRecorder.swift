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
    /// Aligned with `site.sockets`.
    private var totals: [SocketTotals]
    private var peak = PhaseCurrents.zero
    private var findings: [Finding] = []
    private var lastKey: [Int] = []

    init(site: AllocationSite) {
        self.site = site
        self.totals = site.sockets.map { _ in SocketTotals() }
    }

    mutating func record(_ allocation: Allocation, from: Double, to: Double) {
        guard to > from else { return }
        let seconds = to - from
        for (position, share) in allocation.shares.enumerated() {
            switch share.state {
            case .charging, .probing, .safe: totals[position].chargingSeconds += seconds
            case .paused: totals[position].pausedSeconds += seconds
            case .idle, .finished: break
            }
            totals[position].energyKWh += share.current * Double(share.phases.count) * Self.volts * seconds / 3_600_000
        }
        peak = peak.combined(with: allocation.phaseLoad, max)

        let key = Self.printedKey(allocation)
        if !intervals.isEmpty, key == lastKey {
            intervals[intervals.count - 1].to = to
        } else {
            intervals.append(TimelineInterval(from: from, to: to, sockets: allocation.sockets,
                                              phaseLoad: allocation.phaseLoad, available: allocation.available))
            lastKey = key
        }
    }

    mutating func note(_ note: Note) {
        switch note {
        case let .unservable(socket, minimum, at):
            findings.append(Finding(
                severity: .warn, code: "allocation.minimum-unreachable",
                message: "socket \(socket): the EV needs at least \(Quantity.amps(minimum)) but cannot get it even alone; it stays paused",
                hint: "raise the limits in front of this socket (installation, ALB, station or socket maximum) or expect this EV not to charge",
                socket: socket, at: at))
        case let .overCurrent(socket, drawn, at):
            findings.append(Finding(
                severity: .warn, code: "allocation.over-current",
                message: "socket \(socket): the EV drew \(Quantity.amps(drawn)), more than allowed; paused 5 min (error 302)",
                hint: "an EV that ignores its limit is paused by the station; check the EV or the cable",
                socket: socket, at: at))
        }
    }

    func summary() -> TimelineSummary {
        let byID = Dictionary(uniqueKeysWithValues: zip(site.sockets.map(\.id), totals))
        return TimelineSummary(sockets: byID, peakPhaseLoad: peak, limit: site.installationLimit, findings: findings)
    }

    /// Consecutive intervals must differ in something a reader sees: states, currents to 0.01 A, phases, loads.
    static func printedKey(_ allocation: Allocation) -> [Int] {
        var key: [Int] = []
        key.reserveCapacity(allocation.shares.count * 3 + 6)
        for share in allocation.shares {
            key.append(stateCode(share.state))
            key.append(centi(share.current))
            key.append(share.phases.reduce(0) { $0 * 4 + $1.rawValue })
        }
        for phase in Phase.allCases {
            key.append(centi(allocation.phaseLoad[phase]))
            key.append(centi(allocation.available[phase]))
        }
        return key
    }

    static func printsSame(_ a: TimelineInterval, _ b: TimelineInterval) -> Bool {
        func same(_ x: PhaseCurrents, _ y: PhaseCurrents) -> Bool { Phase.allCases.allSatisfy { centi(x[$0]) == centi(y[$0]) } }
        guard same(a.phaseLoad, b.phaseLoad), same(a.available, b.available), a.sockets.count == b.sockets.count else { return false }
        return a.sockets.allSatisfy { id, share in
            b.sockets[id].map { $0.state == share.state && centi($0.current) == centi(share.current) && $0.phases == share.phases } ?? false
        }
    }

    static func stateCode(_ state: SocketState) -> Int {
        switch state {
        case .idle: 0
        case .probing: 1
        case .charging: 2
        case .paused: 3
        case .safe: 4
        case .finished: 5
        }
    }

    /// Hundredths, saturating: validated inputs keep currents far inside Int, and a value outside it (or NaN) must
    /// still compare, not trap the simulator.
    static func centi(_ value: Double) -> Int {
        let scaled = (value * 100).rounded()
        guard scaled.isFinite else { return scaled.isNaN ? .min : (scaled > 0 ? .max : .min + 1) }
        return Int(max(min(scaled, 9.0e18), -9.0e18))
    }
}
