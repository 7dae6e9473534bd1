/// Decides one instant of the SCN (SPEC §4): who probes, who is paused by alternation, and what everyone else gets.
/// Pure: the same input always gives the same allocation.
public enum Allocator {
    /// No limit may be exceeded by more than 1 mA (SPEC §4).
    public static let tolerance = 0.001

    public static func allocate(_ input: AllocationInput) -> Allocation {
        let site = input.site
        var shares = [SocketAllocation](repeating: .idle, count: site.sockets.count)

        // Rule 6: a lost station's sockets are reserved at the safe current on every phase of their mapping.
        var reserved = PhaseCurrents.zero
        if !input.offlineStations.isEmpty {
            for socket in site.sockets where input.offlineStations.contains(socket.station) {
                for phase in socket.mapping.phases { reserved[phase] += site.socketSafeCurrent }
            }
        }
        let capacity = input.available.combined(with: reserved) { max(0, $0 - $1) }
        var ledger = CapacityLedger(phase: capacity, stations: site.stations)

        var probesStarted: [Int] = []
        var candidates: [Candidate] = []
        var unservable: [Int] = []
        var probeRunning = false
        var probeQueueBlocked = false

        for demand in input.demands {
            guard let position = site.position(of: demand.socket) else { continue }
            let socket = site.sockets[position]
            let phases = socket.phases(usedBy: demand.evPhases)
            let hardwareLimit = min(socket.maxCurrent, demand.maxCurrent, site.stations[socket.station].maxCurrent)
            let sharedLimit = input.socketLimits.isEmpty ? hardwareLimit : min(hardwareLimit, input.socketLimits[socket.id] ?? .infinity)
            let profileCap = input.socketCaps.isEmpty ? .infinity : input.socketCaps[socket.id] ?? .infinity
            let ownLimit = min(sharedLimit, profileCap)

            if demand.phase != .finished, input.offlineStations.contains(socket.station) {
                shares[position] = SocketAllocation(state: .safe, current: min(site.socketSafeCurrent, ownLimit), phases: phases)
                continue
            }
            switch demand.phase {
            case .finished:
                shares[position] = SocketAllocation(state: .finished)
            case .suspended:
                shares[position] = SocketAllocation(state: .paused)
            case .probing, .waitingToProbe:
                // Rule 1: probes go first, in connection order; a later one waits while the earlier leave too little.
                let probe = min(socket.probingCurrent, ownLimit)
                let headroom = ledger.headroom(station: socket.station, phases: phases)
                let starts = demand.phase == .probing
                    || (!probeQueueBlocked && (!probeRunning || headroom >= probe - tolerance))
                guard starts else {
                    probeQueueBlocked = true
                    shares[position] = SocketAllocation(state: .paused)
                    continue
                }
                if demand.phase == .waitingToProbe { probesStarted.append(socket.id) }
                probeRunning = true
                let current = max(0, min(probe, headroom))
                ledger.consume(current, station: socket.station, phases: phases)
                shares[position] = SocketAllocation(state: .probing, current: current, phases: current > 0 ? phases : [])
            case .known:
                let aloneCapacity = phases.map { capacity[$0] }.min() ?? 0
                if demand.minCurrent > ownLimit + tolerance {
                    // Its own hardware, an EMS set point or a profile cap (rule 7) is below its minimum: paused.
                    shares[position] = SocketAllocation(state: .paused)
                    if demand.minCurrent > hardwareLimit + tolerance { unservable.append(socket.id) }
                } else if demand.minCurrent > aloneCapacity + tolerance {
                    shares[position] = SocketAllocation(state: .paused)
                    unservable.append(socket.id)
                } else {
                    candidates.append(Candidate(socket: socket.id, position: position, station: socket.station, phases: phases,
                                                floor: demand.minCurrent, ceiling: sharedLimit, cap: profileCap))
                }
            }
        }

        // Positions follow SCN ids, so ordering by position orders by id without comparing closures per element.
        candidates.sort { $0.position < $1.position }
        let block = input.admitsByPriority ? [] : Alternation.pausedBlock(candidates, ledger: ledger, pointer: input.rotationPointer)
        if input.admitsByPriority {
            let admitted = Alternation.admittedByPriority(candidates, ledger: ledger)
            for candidate in candidates where !admitted.contains(candidate.socket) { shares[candidate.position] = SocketAllocation(state: .paused) }
            candidates = candidates.filter { admitted.contains($0.socket) }
        }
        var sharing = candidates
        if !block.isEmpty {
            let blockSet = Set(block)
            sharing = candidates.filter { !blockSet.contains($0.socket) }
            for candidate in candidates where blockSet.contains(candidate.socket) { shares[candidate.position] = SocketAllocation(state: .paused) }
        }

        let currents = share(sharing, ledger: ledger, stationCount: site.stations.count)
        for (candidate, current) in zip(sharing, currents) {
            // Rule 7: a socket's profile cap wins over its share; the surplus is not redistributed.
            shares[candidate.position] = SocketAllocation(state: .charging, current: min(current, candidate.cap), phases: candidate.phases)
        }
        if !input.stationCaps.isEmpty { applyStationCaps(input.stationCaps, site: site, demands: input.demands, to: &shares) }

        var load = PhaseCurrents.zero
        for share in shares { for phase in share.phases { load[phase] += share.current } }
        return Allocation(shares: shares, socketIDs: site.socketIDs, probesStarted: probesStarted, pausedBlock: block,
                          unservable: unservable.sorted(), phaseLoad: load, available: input.available)
    }

    /// An occupied socket that has probed and competes for current.
    struct Candidate {
        var socket: Int
        var position: Int
        var station: Int
        var phases: PhaseList
        var floor: Double
        var ceiling: Double
        var cap: Double = .infinity
    }

    /// Rule 2: water-filling under the phase and station-phase headroom left after probes and reservations.
    static func share(_ sharing: [Candidate], ledger: CapacityLedger, stationCount: Int) -> [Double] {
        var constraints: [WaterFilling.Constraint] = []
        for phase in Phase.allCases {
            let members = sharing.indices.filter { sharing[$0].phases.contains(phase) }
            if !members.isEmpty { constraints.append(.init(limit: ledger.phase[phase], members: members)) }
        }
        // A station-phase constraint whose members' ceilings fit under it cannot bind; most don't, so find the few
        // that might before building member lists.
        var ceilings = [Double](repeating: 0, count: stationCount * 3)
        for candidate in sharing {
            for phase in candidate.phases { ceilings[candidate.station * 3 + phase.rawValue - 1] += candidate.ceiling }
        }
        for slot in ceilings.indices where ceilings[slot] > 0 {
            let (station, phase) = (slot / 3, Phase.allCases[slot % 3])
            guard ceilings[slot] > ledger.station[station][phase] else { continue }
            let members = sharing.indices.filter { sharing[$0].station == station && sharing[$0].phases.contains(phase) }
            constraints.append(.init(limit: ledger.station[station][phase], members: members))
        }
        return WaterFilling.solve(sharing.map { .init(floor: $0.floor, ceiling: $0.ceiling) }, constraints: constraints)
    }

    /// Rule 7: a profile cap on a station's total is shared by its sockets by water-filling; the surplus is not
    /// redistributed, and a share below an EV's minimum pauses that EV.
    static func applyStationCaps(_ caps: [Int: Double], site: AllocationSite, demands: [SocketDemand],
                                 to shares: inout [SocketAllocation]) {
        for (station, cap) in caps.sorted(by: { $0.key < $1.key }) {
            let drawing = site.sockets.indices.filter { site.sockets[$0].station == station && shares[$0].current > 0 && shares[$0].state != .safe }
            guard !drawing.isEmpty else { continue }
            let split = WaterFilling.solve(drawing.map { .init(floor: 0, ceiling: shares[$0].current) },
                                           constraints: [.init(limit: cap, members: Array(drawing.indices))])
            for (position, share) in zip(drawing, split) {
                let minimum = demands.first { $0.socket == site.sockets[position].id }?.minCurrent ?? 0
                if shares[position].state == .charging, share < minimum - tolerance {
                    shares[position] = SocketAllocation(state: .paused)
                } else {
                    shares[position].current = share
                    if share <= 0 { shares[position].phases = [] }
                }
            }
        }
    }
}
