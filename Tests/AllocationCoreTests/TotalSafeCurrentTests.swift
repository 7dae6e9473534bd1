import TestRandom
import Testing
@testable import AllocationCore

/// SPEC §4 rule 4b (manual §6.15 step 5): on the safe current, `SCN-TotalSafeCurrent` caps the SCN's total per
/// phase, and occupied sockets are admitted by ascending SCN id (the lowest id has priority) instead of alternating.
@Suite struct TotalSafeCurrentTests {
    /// A 1-phase SCN of four 32 A sockets behind an ALB meter of 60 A with a safe current of `safe`.
    static func site(safe: Double = 20, totalSafe: Double? = 12, supply: Supply? = nil) -> AllocationSite {
        AllocationSite(phases: [.l1], installationMaxCurrent: 100, alternatingPeriod: 60,
                       stations: (0..<4).map { StationSpec(id: "S\($0)", maxCurrent: 32) },
                       sockets: (0..<4).map { SocketSpec(id: $0, station: $0, maxCurrent: 32, mapping: .l1) },
                       supply: supply ?? .meter(maxCurrent: 60, safeCurrent: safe), totalSafeCurrent: totalSafe)
    }

    static func demands(_ sockets: [Int], minimum: Double = 6) -> [SocketDemand] {
        sockets.map { SocketDemand(socket: $0, phase: .known, minCurrent: minimum) }
    }

    @Test func theLowerOfTheTwoSafeCurrentsIsSharedByLowestIDFirst() {
        // 12 A total safe current, four EVs needing 6 A: ids 0 and 1 charge at 6 A, 2 and 3 are paused.
        let allocation = Allocator.allocate(AllocationInput(site: Self.site(), available: .uniform(12), demands: Self.demands([3, 2, 1, 0]),
                                                            admitsByPriority: true))
        #expect(allocation.sockets.mapValues(\.state) == [0: .charging, 1: .charging, 2: .paused, 3: .paused])
        #expect(allocation.sockets[0]?.current == 6 && allocation.sockets[1]?.current == 6)
        #expect(allocation.pausedBlock.isEmpty, "no alternation on the total safe current")
    }

    @Test func aSocketThatDoesNotFitIsPassedOverForOneThatDoes() {
        // 20 A: id 0 needs 14 A and gets it; id 1 needs 14 A and does not fit; id 2 needs 6 A and does.
        let demands = [SocketDemand(socket: 0, phase: .known, minCurrent: 14), SocketDemand(socket: 1, phase: .known, minCurrent: 14),
                       SocketDemand(socket: 2, phase: .known, minCurrent: 6)]
        let allocation = Allocator.allocate(AllocationInput(site: Self.site(), available: .uniform(20), demands: demands, admitsByPriority: true))
        #expect(allocation.sockets.mapValues(\.state) == [0: .charging, 1: .paused, 2: .charging, 3: .idle])
        // Water-filling among the admitted (rule 2): 14 A and 6 A.
        #expect(allocation.sockets[0]?.current == 14 && allocation.sockets[2]?.current == 6)
    }

    /// The timeline: the meter goes away, the SCN drops to min(safe, total safe) with no rotation, and comes back.
    @Test func onALostMeterTheSCNStopsAlternatingUntilItReturns() {
        let events = (0..<4).map { SiteEvent(at: Double($0) * 70, .connect(EVProfile(minCurrent: 6), socket: 3 - $0)) }
            + [SiteEvent(at: 600, .meterOffline), SiteEvent(at: 3000, .meterOnline)]
        let result = Timeline(site: Self.site(), events: events, duration: 3600).run()
        func states(_ t: Double) -> [Int: SocketState] { result.interval(at: t)!.sockets.mapValues(\.state) }
        #expect(states(500).values.allSatisfy { $0 == .charging }, "60 A for four EVs")
        for t in [700.0, 1000, 1500, 2000, 2900] {
            #expect(states(t) == [0: .charging, 1: .charging, 2: .paused, 3: .paused], "at \(t) s the lowest ids keep priority")
            #expect(result.interval(at: t)!.available.l1 == 12)
        }
        #expect(states(3100).values.allSatisfy { $0 == .charging })
    }

    @Test func withoutATotalSafeCurrentRule4Stands() {
        let events = (0..<4).map { SiteEvent(at: Double($0) * 70, .connect(EVProfile(minCurrent: 6), socket: $0)) } + [SiteEvent(at: 600, .meterOffline)]
        let result = Timeline(site: Self.site(safe: 12, totalSafe: nil), events: events, duration: 3600).run()
        // 12 A for four 6 A EVs alternates: the paused pair changes with the period.
        let paused = [700.0, 760, 820].map { t in Set(result.interval(at: t)!.sockets.filter { $0.value.state == .paused }.keys) }
        #expect(paused[0] != paused[1])
    }

    @Test func aHigherTotalSafeCurrentLeavesTheSafeCurrent() {
        let events = [SiteEvent(at: 0, .connect(EVProfile(minCurrent: 6), socket: 0)), SiteEvent(at: 100, .meterOffline)]
        let result = Timeline(site: Self.site(safe: 10, totalSafe: 32), events: events, duration: 600).run()
        #expect(result.interval(at: 200)!.available.l1 == 10)
        #expect(result.interval(at: 200)!.sockets[0]?.current == 10)
    }

    /// Rule 5 with 4b: an SCN-mode EMS before its first set point and after one lapses.
    @Test func anEMSWithoutAValidSetPointIsOnTheTotalSafeCurrent() {
        let site = Self.site(totalSafe: 12, supply: .ems(mode: .scn, validityTime: 300, safeCurrent: 20))
        let events = (0..<4).map { SiteEvent(at: Double($0) * 70, .connect(EVProfile(minCurrent: 6), socket: $0)) }
            + [SiteEvent(at: 600, .emsSCN(limit: 40))]
        let result = Timeline(site: site, events: events, duration: 1800).run()
        #expect(result.interval(at: 500)!.sockets.mapValues(\.state) == [0: .charging, 1: .charging, 2: .paused, 3: .paused])
        #expect(result.interval(at: 700)!.sockets.values.allSatisfy { $0.state == .charging })
        #expect(result.interval(at: 1000)!.sockets.mapValues(\.state) == [0: .charging, 1: .charging, 2: .paused, 3: .paused], "the set point lapsed at 900 s")
    }

    /// The invariants with a random total safe current: no limit exceeded, the total safe current never exceeded on
    /// it, and the lowest-id occupied socket that could charge alone does charge (manual §6.15 step 5).
    @Test(arguments: 0..<4)
    func invariantsHoldOnTheTotalSafeCurrent(batch: Int) {
        var checked = 0
        for seed in UInt64(70_000 + batch * 250)..<UInt64(70_000 + batch * 250 + 250) {
            var random = RandomSite.make(seed: seed)
            var rng = SplitMix64(seed: seed &* 31 &+ 7)
            random.site.totalSafeCurrent = Double(Int.random(in: 6...40, using: &rng))
            let result = Timeline(site: random.site, events: random.events, duration: random.duration).run()
            var failures = InvariantTests.violations(random, result)
            for interval in result.intervals {
                let state = Replay(random, at: interval.from)
                guard state.onTotalSafeCurrent(random.site) else { continue }
                for phase in random.site.phases where interval.available[phase] > random.site.totalSafeCurrent! + InvariantTests.tolerance {
                    failures.append("t=\(interval.from) \(phase.name) available \(interval.available[phase]) above the total safe current")
                }
                let settled = !interval.sockets.values.contains { $0.state == .probing } && state.offline.isEmpty
                    && state.stationCaps.isEmpty && state.socketCaps.isEmpty
                guard settled else { continue }
                let first = interval.sockets.filter { [.charging, .paused].contains($0.value.state) }.keys.sorted().first { socket in
                    state.overdraws[socket].map { $0 + 300 <= interval.from } ?? true
                }
                guard let first, state.servableAlone(first, site: random.site, available: interval.available) else { continue }
                checked += 1
                if interval.sockets[first]?.state != .charging {
                    failures.append("t=\(interval.from) socket \(first), the lowest occupied id, is \(interval.sockets[first]!.state)")
                }
            }
            #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(3))")
            if !failures.isEmpty { return }
        }
        #expect(checked > 20)
    }
}
