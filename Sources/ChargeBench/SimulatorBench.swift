import AllocationCore
import Foundation

/// The issue-2 benchmark: a 128-socket 3-phase SCN over 24 h of simulated time, an EV arriving every 2 minutes on
/// average (exponential gaps) and staying 30 min to 4 h, seeded. Baseline: the same timeline forced to evaluate
/// every simulated second, which is what a fixed-step simulator does.
enum SimulatorBench {
    static let day = 86_400.0

    static func run() throws {
        let site = plaza()
        let events = arrivals(on: site, seed: 42)
        var result: TimelineResult?
        let repetitions = 7
        var cpu: [Double] = []
        let times = (0..<repetitions).map { _ in
            Stopwatch.seconds { cpu.append(Stopwatch.cpuSeconds { result = Timeline(site: site, events: events, duration: day).run() }) }
        }
        guard let result else { return }
        let wall = Stopwatch.median(times)
        let evs = events.filter { if case .connect = $0.kind { true } else { false } }.count
        print("site: 128 sockets (64 Eve Doubles), 3 x 400 A, alternating period 900 s; 24 h; \(evs) EVs")
        print("event-driven timeline: \(Stopwatch.ms(wall)) wall, \(Stopwatch.ms(Stopwatch.median(cpu))) CPU, median of \(repetitions) (target < 100 ms), "
              + "\(result.evaluatedInstants) instants, \(result.intervals.count) intervals, "
              + String(format: "%.0f instants/s", Double(result.evaluatedInstants) / wall))

        let ticks = (1..<Int(day)).map { SiteEvent(at: Double($0), .meterOnline) }
        var stepped: TimelineResult?
        let steppedWall = Stopwatch.seconds { stepped = Timeline(site: site, events: events + ticks, duration: day).run() }
        guard let stepped else { return }
        print("baseline, fixed 1 s steps: \(Stopwatch.ms(steppedWall)), \(stepped.evaluatedInstants) instants")
        print(String(format: "ratio: event-driven is %.1fx faster than fixed-step", steppedWall / wall))
        // The two must agree: the fixed-step run only evaluates more often.
        let same = stepped.summary.sockets.allSatisfy { abs($0.value.energyKWh - (result.summary.sockets[$0.key]?.energyKWh ?? -1)) < 1e-6 }
        print("fixed-step and event-driven agree on every socket's energy: \(same)")
    }

    static func once() throws {
        let site = plaza()
        let result = Timeline(site: site, events: arrivals(on: site, seed: 42), duration: day).run()
        print("\(result.evaluatedInstants) instants, \(result.intervals.count) intervals")
    }

    static func plaza() -> AllocationSite {
        let rotation = PhaseMapping.rotation
        let stations = (0..<64).map { StationSpec(id: "EVE\($0)", maxCurrent: 32) }
        let sockets = (0..<128).map { id in
            SocketSpec(id: id, station: id / 2, connector: id % 2 + 1, maxCurrent: 32, mapping: rotation[(id / 2) % 3])
        }
        return AllocationSite(phases: Phase.allCases, installationMaxCurrent: 400, stations: stations, sockets: sockets)
    }

    /// Poisson arrivals to a random free socket; an EV that finds every socket taken drives on.
    static func arrivals(on site: AllocationSite, seed: UInt64) -> [SiteEvent] {
        var rng = BenchRandom(seed: seed)
        var busyUntil = [Double](repeating: 0, count: site.sockets.count)
        var events: [SiteEvent] = []
        var time = 0.0
        while true {
            time += -log(1 - rng.unit()) * 120
            guard time < day else { break }
            let free = busyUntil.indices.filter { busyUntil[$0] <= time }
            guard !free.isEmpty else { continue }
            let socket = free[Int(rng.unit() * Double(free.count))]
            let stay = 1800 + rng.unit() * (14_400 - 1800)
            busyUntil[socket] = time + stay
            let profile = EVProfile(phases: rng.unit() < 0.5 ? 1 : 3, minCurrent: rng.unit() < 0.2 ? 14 : 6,
                                    energy: rng.unit() < 0.5 ? 5 + rng.unit() * 40 : nil)
            events.append(SiteEvent(at: time, .connect(profile, socket: socket)))
            events.append(SiteEvent(at: time + stay, .disconnect(socket: socket)))
        }
        return events
    }
}

/// SplitMix64, so the workload is the same on every machine.
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
