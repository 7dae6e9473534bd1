@testable import AllocationCore

/// Small sites for the allocator's table-driven tests: one single-socket station per mapping.
func singleSocketSite(
    phases: [Phase], maxCurrent: Double, mappings: [String], stationMax: Double = 32, socketMax: Double = 32,
    supply: Supply = .installation, period: Double = 900
) -> AllocationSite {
    let stations = mappings.indices.map { StationSpec(id: "S\($0)", maxCurrent: stationMax) }
    let sockets = mappings.enumerated().map { index, mapping in
        SocketSpec(id: index, station: index, maxCurrent: socketMax, mapping: PhaseMapping(name: mapping)!)
    }
    return AllocationSite(phases: phases, installationMaxCurrent: maxCurrent, alternatingPeriod: period,
                          stations: stations, sockets: sockets, supply: supply)
}

func connect(_ socket: Int, at time: Double, phases: Int = 1, min: Double = 6, max: Double = .infinity,
             energy: Double? = nil) -> SiteEvent {
    SiteEvent(at: time, .connect(EVProfile(phases: phases, minCurrent: min, maxCurrent: max, energy: energy), socket: socket))
}

extension TimelineResult {
    func state(_ socket: Int, at time: Double) -> (SocketState, Double)? {
        interval(at: time).flatMap { $0.sockets[socket] }.map { ($0.state, ($0.current * 100).rounded() / 100) }
    }
}
