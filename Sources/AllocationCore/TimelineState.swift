/// The simulator's memory between instants: who is plugged in, what the supply says, where alternation stands.
struct TimelineState {
    struct EV {
        var sequence: Int
        var profile: EVProfile
        var status: SocketDemand.Phase
        var probeEnds: Double?
        var suspendedUntil: Double?
        var deliveredKWh = 0.0
        var reportedUnservable = false
    }

    let site: AllocationSite
    /// By socket position in `site.sockets` (not SCN id): the hot loops index it directly.
    var evs: [EV?]
    /// Positions of occupied sockets in connection order (rule 1: probes go in this order).
    var connectionOrder: [Int] = []
    var nextSequence = 0
    var load = PhaseCurrents.zero
    var meterOnline = true
    var offlineStations: Set<Int> = []
    var stationCaps: [Int: Double] = [:]
    var socketCaps: [Int: Double] = [:]
    var emsSCN: (limit: Double, until: Double)?
    var emsSockets: [Int: (limit: Double, until: Double)] = [:]

    var alternating = false
    var periodEnds = 0.0
    var rotationPointer = 0
    var lastBlock: [Int] = []

    /// Rule 8: an EV caught over-drawing is paused this long.
    static let overCurrentPause = 300.0
    /// Rule 1: how long probing takes.
    static let probingTime = 60.0

    init(site: AllocationSite) {
        self.site = site
        self.evs = Array(repeating: nil, count: site.sockets.count)
    }

    var demands: [SocketDemand] {
        connectionOrder.compactMap { position in
            evs[position].map { ev in
                SocketDemand(socket: site.socketIDs[position], phase: ev.status, evPhases: ev.profile.phases,
                             minCurrent: ev.profile.minCurrent, maxCurrent: ev.profile.maxCurrent)
            }
        }
    }

    /// A new EV replaces whatever was on the socket and goes to the back of the connection order.
    mutating func connect(_ profile: EVProfile, socket: Int) {
        guard let position = site.position(of: socket) else { return }
        disconnect(socket: socket)
        evs[position] = EV(sequence: nextSequence, profile: profile, status: .waitingToProbe)
        connectionOrder.append(position)
        nextSequence += 1
    }

    mutating func disconnect(socket: Int) {
        guard let position = site.position(of: socket), evs[position] != nil else { return }
        evs[position] = nil
        connectionOrder.removeAll { $0 == position }
    }

    /// Rules 4 and 5: what the SCN may use per phase now, before reservations.
    func available(on site: AllocationSite, at time: Double) -> PhaseCurrents {
        let installation = site.installationLimit
        switch site.supply {
        case .installation:
            return installation
        case let .meter(maxCurrent, safeCurrent):
            let measured = meterOnline ? PhaseCurrents.uniform(maxCurrent).combined(with: load) { max(0, $0 - $1) }
                                       : .uniform(onSafe(safeCurrent))
            return installation.combined(with: measured, min)
        case let .ems(mode, _, safeCurrent):
            guard mode == .scn else { return installation }
            let setPoint = emsSCN.flatMap { $0.until > time + 1e-9 ? $0.limit : nil } ?? onSafe(safeCurrent)
            return installation.combined(with: .uniform(setPoint), min)
        }
    }

    /// Rule 4b: on the safe current, `SCN-TotalSafeCurrent` lowers it when set.
    private func onSafe(_ safeCurrent: Double) -> Double { min(safeCurrent, site.totalSafeCurrent ?? .infinity) }

    /// Rule 4b applies: the site sets a total safe current and the SCN runs on its safe current now (a lost meter;
    /// an SCN-mode EMS before its first set point or after one lapsed).
    func admitsByPriority(on site: AllocationSite, at time: Double) -> Bool {
        guard site.totalSafeCurrent != nil else { return false }
        switch site.supply {
        case .installation: return false
        case .meter: return !meterOnline
        case let .ems(mode, _, _): return mode == .scn && !(emsSCN.map { $0.until > time + 1e-9 } ?? false)
        }
    }

    /// EMS socket set points, or the safe current in their place (rule 5, socket mode).
    func socketLimits(on site: AllocationSite, at time: Double) -> [Int: Double] {
        guard case let .ems(.socket, _, safeCurrent) = site.supply else { return [:] }
        return site.sockets.reduce(into: [:]) { limits, socket in
            let setPoint = emsSockets[socket.id].flatMap { $0.until > time + 1e-9 ? $0.limit : nil }
            limits[socket.id] = setPoint ?? safeCurrent
        }
    }

    /// The next moment one of the simulator's own timers fires after `time`.
    func nextTimer(after time: Double) -> Double {
        var next = Double.infinity
        for case let ev? in evs {
            if let end = ev.probeEnds, end > time { next = min(next, end) }
            if let end = ev.suspendedUntil, end > time { next = min(next, end) }
        }
        if let ems = emsSCN, ems.until > time { next = min(next, ems.until) }
        for ems in emsSockets.values where ems.until > time { next = min(next, ems.until) }
        if alternating, periodEnds > time { next = min(next, periodEnds) }
        return next
    }
}
