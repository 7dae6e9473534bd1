import Testing
@testable import AllocationCore

/// The manual's walk-throughs (SPEC §4), built by hand; the golden files run the same through the loader.
@Suite struct ManualExampleTests {
    @Test func twentyAmpABCWalkThrough() {
        let site = singleSocketSite(phases: [.l1], maxCurrent: 20, mappings: ["L1", "L1", "L1"])
        let result = Timeline(site: site, events: [connect(1, at: 0), connect(2, at: 300), connect(0, at: 600, min: 14)],
                              duration: 2400).run()
        #expect(result.state(1, at: 30)! == (.probing, 14))
        #expect(result.state(1, at: 180)! == (.charging, 20))
        #expect(result.state(2, at: 330)! == (.probing, 14))
        #expect(result.state(1, at: 330)! == (.charging, 6))
        #expect(result.state(1, at: 480)! == (.charging, 10))
        #expect(result.state(2, at: 480)! == (.charging, 10))
        #expect(result.state(0, at: 630)! == (.probing, 14))
        let bc630 = [result.state(1, at: 630)!, result.state(2, at: 630)!]
        #expect(bc630.filter { $0 == (.charging, 6) }.count == 1 && bc630.filter { $0 == (.paused, 0) }.count == 1)
        #expect(result.state(0, at: 700)! == (.paused, 0))
        #expect(result.state(1, at: 700)! == (.charging, 10))
        #expect(result.state(2, at: 700)! == (.charging, 10))
        #expect(result.state(0, at: 1620)! == (.charging, 14))
        let bc1620 = [result.state(1, at: 1620)!, result.state(2, at: 1620)!]
        #expect(bc1620.filter { $0 == (.charging, 6) }.count == 1 && bc1620.filter { $0 == (.paused, 0) }.count == 1)
    }

    @Test func waterFillingFourteenAndSix() {
        let site = singleSocketSite(phases: [.l1], maxCurrent: 24, mappings: ["L1", "L1"])
        let result = Timeline(site: site, events: [connect(0, at: 0, min: 14), connect(1, at: 120)], duration: 600).run()
        #expect(result.state(0, at: 300)! == (.charging, 14))
        #expect(result.state(1, at: 300)! == (.charging, 10))
    }

    @Test func sixSocketsOnTwentyFourAmpsAlternateInPairs() {
        let site = singleSocketSite(phases: [.l1], maxCurrent: 100, mappings: Array(repeating: "L1", count: 6),
                                    supply: .meter(maxCurrent: 60, safeCurrent: 10))
        var events = (0..<6).map { connect($0, at: Double($0) * 120) }
        events.append(SiteEvent(at: 1200, .load(PhaseCurrents(l1: 36))))
        let result = Timeline(site: site, events: events, duration: 3600).run()
        for (socket, expected) in [(0, SocketState.paused), (1, .paused), (2, .charging), (3, .charging), (4, .charging), (5, .charging)] {
            #expect(result.state(socket, at: 1260)!.0 == expected)
        }
        for (socket, expected) in [(2, SocketState.paused), (3, .paused), (0, .charging), (1, .charging), (4, .charging), (5, .charging)] {
            #expect(result.state(socket, at: 2160)!.0 == expected)
            if expected == .charging { #expect(result.state(socket, at: 2160)!.1 == 6) }
        }
    }

    @Test(arguments: [
        // (mappings, EV phases on sockets 0,1,2 in connection order, expected currents)
        (["L1L2L3", "L3L1L2", "L2L3L1"], [(0, 1), (1, 1), (2, 1)], [20.0, 20, 20]),
        (["L1L2L3", "L3L1L2", "L2L3L1"], [(0, 1), (1, 2)], [10.0, 10]),
        (["L1L2L3", "L3L1L2", "L2L3L1"], [(0, 1), (1, 3)], [10.0, 10]),
        (["L1L2L3", "L2L3L1", "L3L1L2"], [(1, 1), (2, 2)], [20.0, 20]),
    ])
    func threePhaseRotation(mappings: [String], evs: [(Int, Int)], expected: [Double]) {
        let site = singleSocketSite(phases: Phase.allCases, maxCurrent: 20, mappings: mappings)
        let events = evs.enumerated().map { index, ev in connect(ev.0, at: Double(index) * 120, phases: ev.1) }
        let result = Timeline(site: site, events: events, duration: 600).run()
        for ((socket, _), current) in zip(evs, expected) {
            #expect(result.state(socket, at: 580)! == (.charging, current))
        }
    }
}
