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
        var state = TimelineState()
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
            state.evs[socket] = .init(sequence: state.nextSequence, profile: profile, status: .waitingToProbe)
            state.nextSequence += 1
        case let .disconnect(socket):
            state.evs[socket] = nil
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
            guard var ev = state.evs[socket], ev.status != .finished else { return }
            ev.status = .suspended
            ev.suspendedUntil = time + TimelineState.overCurrentPause
            ev.probeEnds = nil
            state.evs[socket] = ev
            recorder.note(.overCurrent(socket: socket, drawn: current, at: time))
        }
    }

    private func fireTimers(_ state: inout TimelineState, at time: Double) {
        for (socket, var ev) in state.evs {
            if let end = ev.probeEnds, end <= time + Self.epsilon {
                ev.status = .known
                ev.probeEnds = nil
            }
            if let end = ev.suspendedUntil, end <= time + Self.epsilon {
                ev.status = .known
                ev.suspendedUntil = nil
            }
            if let energy = ev.profile.energy, ev.status != .finished, ev.deliveredKWh >= energy - 1e-9 {
                ev.status = .finished
                ev.probeEnds = nil
            }
            state.evs[socket] = ev
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
            rotationPointer: state.alternating ? state.rotationPointer : 0)
        let allocation = Allocator.allocate(input)
        for socket in allocation.probesStarted {
            state.evs[socket]?.status = .probing
            state.evs[socket]?.probeEnds = time + TimelineState.probingTime
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
        for socket in allocation.unservable where state.evs[socket]?.reportedUnservable == false {
            state.evs[socket]?.reportedUnservable = true
            if let ev = state.evs[socket] {
                recorder.note(.unservable(socket: socket, minimum: ev.profile.minCurrent, at: time))
            }
        }
        return allocation
    }

    /// When the first EV with an energy target will have it, at the current allocation.
    private func finishTime(_ state: TimelineState, _ allocation: Allocation, after time: Double) -> Double {
        var next = Double.infinity
        for (socket, ev) in state.evs {
            guard let energy = ev.profile.energy, ev.status != .finished,
                  let share = allocation.sockets[socket], share.current > 0 else { continue }
            let kilowatts = share.current * Double(share.phases.count) * TimelineRecorder.volts / 1000
            next = min(next, time + (energy - ev.deliveredKWh) / kilowatts * 3600)
        }
        return next
    }

    private func deliverEnergy(_ allocation: Allocation, over seconds: Double, to state: inout TimelineState) {
        guard seconds > 0 else { return }
        for (socket, share) in allocation.sockets where share.current > 0 {
            state.evs[socket]?.deliveredKWh += share.current * Double(share.phases.count) * TimelineRecorder.volts * seconds / 3_600_000
        }
    }
}
