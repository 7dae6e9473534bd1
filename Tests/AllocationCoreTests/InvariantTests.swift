import Testing
@testable import AllocationCore

/// SPEC §4 invariants over thousands of seeded random sites and scenarios, within 1 mA.
@Suite struct InvariantTests {
    static let tolerance = 0.001

    @Test(arguments: 0..<8)
    func limitsAndMinimumsHoldInEveryInterval(batch: Int) {
        for seed in UInt64(batch * 300)..<UInt64(batch * 300 + 300) {
            let random = RandomSite.make(seed: seed)
            let result = Timeline(site: random.site, events: random.events, duration: random.duration).run()
            let failures = Self.violations(random, result)
            #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(3))")
            if !failures.isEmpty { return }
        }
    }

    @Test(arguments: 0..<4)
    func everyServableSocketChargesWithinOneRotation(batch: Int) {
        var windowsChecked = 0
        for seed in UInt64(10_000 + batch * 250)..<UInt64(10_000 + batch * 250 + 250) {
            let random = RandomSite.make(seed: seed, faults: false)
            let result = Timeline(site: random.site, events: random.events, duration: random.duration).run()
            let (starved, checked) = Self.starvation(random, result)
            windowsChecked += checked
            #expect(starved.isEmpty, "seed \(seed): \(starved.prefix(3))")
            if !starved.isEmpty { return }
        }
        // The property must actually have been exercised.
        #expect(windowsChecked > 50)
    }

    @Test func intervalsAreContiguousAndDistinct() {
        for seed in UInt64(50_000)..<50_200 {
            let random = RandomSite.make(seed: seed)
            let result = Timeline(site: random.site, events: random.events, duration: random.duration).run()
            #expect(result.intervals.first?.from == 0)
            #expect(abs((result.intervals.last?.to ?? 0) - random.duration) < 1e-6)
            for (a, b) in zip(result.intervals, result.intervals.dropFirst()) {
                #expect(abs(a.to - b.from) < 1e-9 && !TimelineRecorder.printsSame(a, b), "seed \(seed) at \(a.to)")
            }
        }
    }

    static func violations(_ random: RandomSite, _ result: TimelineResult) -> [String] {
        let site = random.site
        var failures: [String] = []
        for interval in result.intervals {
            let state = Replay(random, at: interval.from)
            var reserved = PhaseCurrents.zero
            for socket in site.sockets where state.offline.contains(socket.station) {
                for phase in socket.mapping.phases { reserved[phase] += site.socketSafeCurrent }
            }
            var phaseLoad = PhaseCurrents.zero
            var stationLoad = site.stations.map { _ in PhaseCurrents.zero }
            var stationTotal = site.stations.map { _ in 0.0 }
            for socket in site.sockets {
                let share = interval.sockets[socket.id] ?? .idle
                let ev = state.evs[socket.id]
                var ceiling = min(socket.maxCurrent, ev?.maxCurrent ?? 0)
                if let cap = state.socketCaps[socket.id] { ceiling = min(ceiling, cap) }
                if let limit = state.emsSocketLimit(socket.id, site: site) { ceiling = min(ceiling, limit) }
                if share.current > ceiling + tolerance {
                    failures.append("t=\(interval.from) socket \(socket.id) gets \(share.current) above its ceiling \(ceiling)")
                }
                if share.state == .charging, let ev, share.current < ev.minCurrent - tolerance {
                    failures.append("t=\(interval.from) socket \(socket.id) charges at \(share.current) below its minimum \(ev.minCurrent)")
                }
                if ev == nil, share.current > 0 { failures.append("t=\(interval.from) empty socket \(socket.id) draws \(share.current)") }
                guard share.state != .safe else { continue }
                for phase in share.phases {
                    phaseLoad[phase] += share.current
                    stationLoad[socket.station][phase] += share.current
                }
                stationTotal[socket.station] += share.current
            }
            for phase in Phase.allCases {
                let room = max(0, interval.available[phase] - reserved[phase])
                if phaseLoad[phase] > room + tolerance {
                    failures.append("t=\(interval.from) \(phase.name) load \(phaseLoad[phase]) above \(room)")
                }
                for (index, station) in site.stations.enumerated() where stationLoad[index][phase] > station.maxCurrent + tolerance {
                    failures.append("t=\(interval.from) station \(index) \(phase.name) load \(stationLoad[index][phase]) above \(station.maxCurrent)")
                }
            }
            for (station, cap) in state.stationCaps where stationTotal[station] > cap + tolerance * 2 {
                failures.append("t=\(interval.from) station \(station) draws \(stationTotal[station]) above its profile cap \(cap)")
            }
        }
        return failures
    }

    /// Windows without arrivals, departures or probes, long enough for a full rotation: every socket whose
    /// minimum fits alone must charge within (occupied + 1) × period.
    static func starvation(_ random: RandomSite, _ result: TimelineResult) -> (starved: [String], checked: Int) {
        let site = random.site
        var starved: [String] = []
        var checked = 0
        let occupied = { (interval: TimelineInterval) in Set(interval.sockets.filter { ![.idle, .finished].contains($0.value.state) }.keys) }
        // A connect to an occupied socket replaces its EV: an arrival the occupancy set does not show.
        let arrivals = Set(random.events.compactMap { event -> Double? in
            switch event.kind {
            case .connect, .disconnect: event.at
            default: nil
            }
        })
        var start = 0
        while start < result.intervals.count {
            let members = occupied(result.intervals[start])
            var end = start
            while end + 1 < result.intervals.count, occupied(result.intervals[end + 1]) == members,
                  !arrivals.contains(result.intervals[end + 1].from) { end += 1 }
            let settled = (start...end).first { index in !result.intervals[index].sockets.values.contains { $0.state == .probing } }
            if let settled, !members.isEmpty {
                let from = result.intervals[settled].from
                let window = Double(members.count + 1) * site.alternatingPeriod
                if result.intervals[end].to - from >= window {
                    checked += 1
                    let state = Replay(random, at: from)
                    for socket in members where state.servableAlone(socket, site: site, available: result.intervals[settled].available) {
                        let charges = result.intervals[settled...end].contains { $0.from < from + window && $0.sockets[socket]?.state == .charging }
                        if !charges { starved.append("socket \(socket) never charges in [\(from), \(from + window))") }
                    }
                }
            }
            start = end + 1
        }
        return (starved, checked)
    }
}
