/// The event-driven simulator over the allocator (SPEC §4): applies events in time order, lets the allocator decide
/// each instant, and keeps the timers of probing, alternation, EMS validity and over-current pauses.
/// Pure and deterministic: no clock, the scenario's times are the only time.
public struct Timeline {
    public let site: AllocationSite
    public let events: [SiteEvent]
    public let duration: Double

    private static let epsilon = 1e-9

    public init(site: AllocationSite, events: [SiteEvent], duration: Double) {
        self.site = site
        // Stable: events at the same time apply in the scenario's order.
        self.events = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        self.duration = duration
    }

    public func run() -> TimelineResult {
        var state = TimelineState(site: site)
        var recorder = TimelineRecorder(site: site)
        var time = 0.0
        var eventIndex = 0
        var instants = 0

        while true {
            while eventIndex < events.count, events[eventIndex].at <= time + Self.epsilon {
                apply(events[eventIndex], to: &state, recorder: &recorder, at: time)
                eventIndex += 1
            }
            fireTimers(&state, at: time)
            let allocation = decide(&state, at: time, recorder: &recorder)
            instants += 1

            var next = min(state.nextTimer(after: time + Self.epsilon), duration)
            if eventIndex < events.count { next = min(next, events[eventIndex].at) }
            next = min(next, finishTime(state, allocation, after: time))
            next = max(next, time)

            recorder.record(allocation, from: time, to: next)
            deliverEnergy(allocation, over: next - time, to: &state)
            if next >= duration - Self.epsilon { break }
            time = next
        }
        return TimelineResult(intervals: recorder.intervals, summary: recorder.summary(), evaluatedInstants: instants)
    }

    private func apply(_ event: SiteEvent, to state: inout TimelineState, recorder: inout TimelineRecorder, at time: Double) {
        switch event.kind {
        case let .connect(profile, socket):
            state.connect(profile, socket: socket)
        case let .disconnect(socket):
            state.disconnect(socket: socket)
        case let .load(load):
            state.load = load
        case let .stationOffline(station):
            state.offlineStations.insert(station)
        case let .stationOnline(station):
            state.offlineStations.remove(station)
        case .meterOffline:
            state.meterOnline = false
        case .meterOnline:
            state.meterOnline = true
        case let .stationProfile(station, limit):
            state.stationCaps[station] = limit
        case let .socketProfile(socket, limit):
            state.socketCaps[socket] = limit
        case let .emsSCN(limit):
            if case let .ems(_, validity, _) = site.supply { state.emsSCN = (limit, time + validity) }
        case let .emsSocket(socket, limit):
            if case let .ems(_, validity, _) = site.supply { state.emsSockets[socket] = (limit, time + validity) }
        case let .overdraw(socket, current):
            guard let position = site.position(of: socket), var ev = state.evs[position], ev.status != .finished else { return }
            ev.status = .suspended
            ev.suspendedUntil = time + TimelineState.overCurrentPause
            ev.probeEnds = nil
            state.evs[position] = ev
            recorder.note(.overCurrent(socket: socket, drawn: current, at: time))
        }
    }

    private func fireTimers(_ state: inout TimelineState, at time: Double) {
        // By index: iterating the array while assigning into it would copy it at every write.
        for position in state.evs.indices {
            guard let ev = state.evs[position] else { continue }
            var updated = ev
            if let end = ev.probeEnds, end <= time + Self.epsilon {
                updated.status = .known
                updated.probeEnds = nil
            }
            if let end = ev.suspendedUntil, end <= time + Self.epsilon {
                updated.status = .known
                updated.suspendedUntil = nil
            }
            if let energy = ev.profile.energy, ev.status != .finished, ev.deliveredKWh >= energy - 1e-9 {
                updated.status = .finished
                updated.probeEnds = nil
            }
            if updated.status != ev.status { state.evs[position] = updated }
        }
        if let ems = state.emsSCN, ems.until <= time + Self.epsilon { state.emsSCN = nil }
        state.emsSockets = state.emsSockets.filter { $0.value.until > time + Self.epsilon }
        if state.alternating, state.periodEnds <= time + Self.epsilon {
            // Rule 3: at the end of a period the pointer moves just past the paused block.
            if let last = state.lastBlock.last { state.rotationPointer = last + 1 }
            state.periodEnds = time + site.alternatingPeriod
        }
    }

    private func decide(_ state: inout TimelineState, at time: Double, recorder: inout TimelineRecorder) -> Allocation {
        let input = AllocationInput(
            site: site, available: state.available(on: site, at: time), demands: state.demands,
            offlineStations: state.offlineStations, stationCaps: state.stationCaps,
            socketLimits: state.socketLimits(on: site, at: time), socketCaps: state.socketCaps,
            rotationPointer: state.alternating ? state.rotationPointer : 0,
            admitsByPriority: state.admitsByPriority(on: site, at: time))
        let allocation = Allocator.allocate(input)
        for socket in allocation.probesStarted {
            guard let position = site.position(of: socket) else { continue }
            state.evs[position]?.status = .probing
            state.evs[position]?.probeEnds = time + TimelineState.probingTime
        }
        if allocation.pausedBlock.isEmpty {
            state.alternating = false
        } else if !state.alternating {
            // Alternation starts anew: the pointer starts at the lowest id and the period starts counting.
            state.alternating = true
            state.rotationPointer = 0
            state.periodEnds = time + site.alternatingPeriod
        }
        state.lastBlock = allocation.pausedBlock
        for socket in allocation.unservable {
            guard let position = site.position(of: socket), let ev = state.evs[position], !ev.reportedUnservable else { continue }
            state.evs[position]?.reportedUnservable = true
            recorder.note(.unservable(socket: socket, minimum: ev.profile.minCurrent, at: time))
        }
        return allocation
    }

    /// When the first EV with an energy target will have it, at the current allocation.
    private func finishTime(_ state: TimelineState, _ allocation: Allocation, after time: Double) -> Double {
        var next = Double.infinity
        for (position, share) in allocation.shares.enumerated() where share.current > 0 {
            guard let ev = state.evs[position], let energy = ev.profile.energy, ev.status != .finished else { continue }
            let kilowatts = share.current * Double(share.phases.count) * TimelineRecorder.volts / 1000
            next = min(next, time + (energy - ev.deliveredKWh) / kilowatts * 3600)
        }
        return next
    }

    private func deliverEnergy(_ allocation: Allocation, over seconds: Double, to state: inout TimelineState) {
        guard seconds > 0 else { return }
        for (position, share) in allocation.shares.enumerated() where share.current > 0 {
            state.evs[position]?.deliveredKWh += share.current * Double(share.phases.count) * TimelineRecorder.volts * seconds / 3_600_000
        }
    }
}
