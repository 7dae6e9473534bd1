@testable import AllocationCore

/// Sites and timelines the rendering tests share: small real simulations, plus hand-built results for states
/// the simulator reaches only through long scenarios.
enum PreviewFixtures {
    /// The manual's first golden example (SPEC §4): 1-phase SCN at 20 A, stations A, B, C with one socket each.
    static let threeSockets = AllocationSite(
        phases: [.l1], installationMaxCurrent: 20, alternatingPeriod: 120,
        stations: ["A", "B", "C"].map { StationSpec(id: $0, maxCurrent: 32) },
        sockets: (0..<3).map { SocketSpec(id: $0, station: $0, maxCurrent: 32, mapping: .l1) })

    /// EV on B, then C, then A needing 14 A, as in the manual; runs into alternation.
    static let threeSocketEvents = [
        SiteEvent(at: 0, .connect(EVProfile(), socket: 1)),
        SiteEvent(at: 120, .connect(EVProfile(), socket: 2)),
        SiteEvent(at: 240, .connect(EVProfile(minCurrent: 14), socket: 0)),
    ]

    static func threeSocketResult(duration: Double = 600) -> TimelineResult {
        Timeline(site: threeSockets, events: threeSocketEvents, duration: duration).run()
    }

    /// A 3-phase site with `count` two-socket stations, 3-phase EVs connecting 70 s apart (the default scenario).
    static func largeSite(sockets count: Int, maxCurrent: Double = 80) -> AllocationSite {
        let stations = (0..<(count + 1) / 2).map { StationSpec(id: "S\($0)", maxCurrent: 32) }
        let sockets = (0..<count).map { id in
            SocketSpec(id: id, station: id / 2, connector: id % 2 + 1, maxCurrent: 32,
                       mapping: PhaseMapping.rotation[(id / 2) % 3])
        }
        return AllocationSite(phases: Phase.allCases, installationMaxCurrent: maxCurrent, stations: stations, sockets: sockets)
    }

    static func largeResult(sockets count: Int, duration: Double = 3600) -> TimelineResult {
        let events = (0..<count).map { SiteEvent(at: Double($0) * 70, .connect(EVProfile(phases: 3), socket: $0)) }
        return Timeline(site: largeSite(sockets: count), events: events, duration: duration).run()
    }

    /// One hand-built interval per state the table shows, with a fractional end time and a finding.
    static func handBuilt() -> (AllocationSite, TimelineResult) {
        let site = AllocationSite(
            phases: [.l1, .l2, .l3], installationMaxCurrent: 32,
            stations: [StationSpec(id: "ACE1", maxCurrent: 32), StationSpec(id: "ACE2", maxCurrent: 32)],
            sockets: [
                SocketSpec(id: 0, station: 0, connector: 1, maxCurrent: 32, mapping: PhaseMapping.rotation[0]),
                SocketSpec(id: 1, station: 0, connector: 2, maxCurrent: 32, mapping: PhaseMapping.rotation[0]),
                SocketSpec(id: 2, station: 1, connector: 1, maxCurrent: 32, mapping: PhaseMapping.rotation[1]),
            ])
        let all3: PhaseList = [.l1, .l2, .l3]
        let intervals = [
            TimelineInterval(from: 0, to: 60, sockets: [
                0: SocketAllocation(state: .probing, current: 14, phases: all3), 1: .idle, 2: .idle,
            ], phaseLoad: .uniform(14), available: .uniform(32)),
            TimelineInterval(from: 60, to: 1234.5, sockets: [
                0: SocketAllocation(state: .charging, current: 26, phases: all3),
                1: SocketAllocation(state: .paused),
                2: SocketAllocation(state: .safe, current: 6, phases: [.l3]),
            ], phaseLoad: PhaseCurrents(l1: 26, l2: 26, l3: 32), available: .uniform(32)),
            TimelineInterval(from: 1234.5, to: 3600, sockets: [
                0: SocketAllocation(state: .finished),
                1: SocketAllocation(state: .charging, current: 6.005, phases: [.l1]),
                2: .idle,
            ], phaseLoad: PhaseCurrents(l1: 6.005), available: .uniform(32)),
        ]
        let summary = TimelineSummary(
            sockets: [
                0: SocketTotals(energyKWh: 23.0782, chargingSeconds: 1234.5, pausedSeconds: 0),
                1: SocketTotals(energyKWh: 3.2678, chargingSeconds: 2365.5, pausedSeconds: 1174.5),
                2: SocketTotals(energyKWh: 0.4314, chargingSeconds: 1174.5, pausedSeconds: 0),
            ],
            peakPhaseLoad: PhaseCurrents(l1: 26, l2: 26, l3: 32), limit: .uniform(32),
            findings: [TimelineFinding(severity: .warn, code: "allocation.over-current",
                                       message: "socket 1: the EV drew 20 A, more than allowed", hint: "check the EV",
                                       socket: 1, at: 90)])
        return (site, TimelineResult(intervals: intervals, summary: summary, evaluatedInstants: 3))
    }
}
