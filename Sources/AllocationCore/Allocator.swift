/// Decides one instant of the SCN (SPEC §4): who probes, who is paused by alternation, and what everyone else gets.
/// Pure: the same input always gives the same allocation.
public enum Allocator {
    /// No limit may be exceeded by more than 1 mA (SPEC §4).
    public static let tolerance = 0.001

    public static func allocate(_ input: AllocationInput) -> Allocation {
        let site = input.site
        var result = site.sockets.reduce(into: [Int: SocketAllocation]()) { $0[$1.id] = .idle }

        // Rule 6: a lost station's sockets are reserved at the safe current on every phase of their mapping.
        var reserved = PhaseCurrents.zero
        for socket in site.sockets where input.offlineStations.contains(socket.station) {
            for phase in socket.mapping.phases { reserved[phase] += site.socketSafeCurrent }
        }
        let capacity = input.available.combined(with: reserved) { max(0, $0 - $1) }
        var ledger = CapacityLedger(phase: capacity, stations: site.stations)

        var probesStarted: [Int] = []
        var candidates: [Candidate] = []
        var unservable: [Int] = []
        var probeRunning = false
        var probeQueueBlocked = false

        for demand in input.demands {
            guard let socket = site.socket(id: demand.socket) else { continue }
            let phases = socket.mapping.used(by: demand.evPhases)
            let hardwareLimit = min(socket.maxCurrent, demand.maxCurrent, site.stations[socket.station].maxCurrent)
            let sharedLimit = min(hardwareLimit, input.socketLimits[socket.id] ?? .infinity)
            let profileCap = input.socketCaps[socket.id] ?? .infinity
            let ownLimit = min(sharedLimit, profileCap)

            if input.offlineStations.contains(socket.station), demand.phase != .finished {
                let current = min(site.socketSafeCurrent, ownLimit)
                result[socket.id] = SocketAllocation(state: .safe, current: current, phases: phases)
                continue
            }
            switch demand.phase {
            case .finished:
                result[socket.id] = SocketAllocation(state: .finished)
            case .suspended:
                result[socket.id] = SocketAllocation(state: .paused)
            case .probing, .waitingToProbe:
                // Rule 1: probes go first, in connection order; a later one waits while the earlier leave too little.
                let probe = min(socket.probingCurrent, ownLimit)
                let headroom = ledger.headroom(station: socket.station, phases: phases)
                let starts = demand.phase == .probing
                    || (!probeQueueBlocked && (!probeRunning || headroom >= probe - tolerance))
                guard starts else {
                    probeQueueBlocked = true
                    result[socket.id] = SocketAllocation(state: .paused)
                    continue
                }
                if demand.phase == .waitingToProbe { probesStarted.append(socket.id) }
                probeRunning = true
                let current = max(0, min(probe, headroom))
                ledger.consume(current, station: socket.station, phases: phases)
                result[socket.id] = SocketAllocation(state: .probing, current: current, phases: current > 0 ? phases : [])
            case .known:
                let aloneCapacity = phases.map { capacity[$0] }.min() ?? 0
                if demand.minCurrent > ownLimit + tolerance {
                    // Its own hardware, an EMS set point or a profile cap (rule 7) is below its minimum: paused.
                    result[socket.id] = SocketAllocation(state: .paused)
                    if demand.minCurrent > hardwareLimit + tolerance { unservable.append(socket.id) }
                } else if demand.minCurrent > aloneCapacity + tolerance {
                    result[socket.id] = SocketAllocation(state: .paused)
                    unservable.append(socket.id)
                } else {
                    candidates.append(Candidate(socket: socket.id, station: socket.station, phases: phases,
                                                floor: demand.minCurrent, ceiling: sharedLimit, cap: profileCap))
                }
            }
        }

        candidates.sort { $0.socket < $1.socket }
        let block = Alternation.pausedBlock(candidates, ledger: ledger, pointer: input.rotationPointer)
        let blockSet = Set(block)
        let sharing = candidates.filter { !blockSet.contains($0.socket) }
        for socket in block { result[socket] = SocketAllocation(state: .paused) }

        let currents = share(sharing, ledger: ledger, stationCount: site.stations.count)
        for (candidate, current) in zip(sharing, currents) {
            // Rule 7: a socket's profile cap wins over its share; the surplus is not redistributed.
            let capped = min(current, candidate.cap)
            result[candidate.socket] = SocketAllocation(state: .charging, current: capped, phases: candidate.phases)
        }

        applyStationCaps(input.stationCaps, site: site, minimums: input.demands, to: &result)

        var load = PhaseCurrents.zero
        for allocation in result.values { for phase in allocation.phases { load[phase] += allocation.current } }
        return Allocation(sockets: result, probesStarted: probesStarted, pausedBlock: block,
                          unservable: unservable.sorted(), phaseLoad: load, available: input.available)
    }

    /// An occupied socket that has probed and competes for current.
    struct Candidate {
        var socket: Int
        var station: Int
        var phases: [Phase]
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
            for station in 0..<stationCount {
                let onStation = members.filter { sharing[$0].station == station }
                if !onStation.isEmpty { constraints.append(.init(limit: ledger.station[station][phase], members: onStation)) }
            }
        }
        return WaterFilling.solve(sharing.map { .init(floor: $0.floor, ceiling: $0.ceiling) }, constraints: constraints)
    }

    /// Rule 7: a profile cap on a station's total is shared by its sockets by water-filling; the surplus is not
    /// redistributed, and a share below an EV's minimum pauses that EV.
    static func applyStationCaps(_ caps: [Int: Double], site: AllocationSite, minimums: [SocketDemand],
                                 to result: inout [Int: SocketAllocation]) {
        for (station, cap) in caps.sorted(by: { $0.key < $1.key }) {
            let drawing = site.sockets.filter { $0.station == station && (result[$0.id]?.current ?? 0) > 0
                && result[$0.id]?.state != .safe }
            guard !drawing.isEmpty else { continue }
            let shares = WaterFilling.solve(
                drawing.map { .init(floor: 0, ceiling: result[$0.id]!.current) },
                constraints: [.init(limit: cap, members: Array(drawing.indices))])
            for (socket, share) in zip(drawing, shares) {
                let demand = minimums.first { $0.socket == socket.id }
                let isCharging = result[socket.id]?.state == .charging
                if isCharging, let demand, share < demand.minCurrent - tolerance {
                    result[socket.id] = SocketAllocation(state: .paused)
                } else {
                    result[socket.id]?.current = share
                    if share <= 0 { result[socket.id]?.phases = [] }
                }
            }
        }
    }
}
