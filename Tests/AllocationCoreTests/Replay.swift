@testable import AllocationCore

/// The scenario's state at a moment, rebuilt independently of the simulator to judge its output.
struct Replay {
    var evs: [Int: EVProfile] = [:]
    var offline: Set<Int> = []
    var stationCaps: [Int: Double] = [:]
    var socketCaps: [Int: Double] = [:]
    var emsSockets: [Int: (limit: Double, at: Double)] = [:]
    var meterOnline = true
    var emsSCN: (limit: Double, at: Double)?
    /// The last over-draw of each socket (rule 8 pauses it 5 minutes).
    var overdraws: [Int: Double] = [:]
    let time: Double

    init(_ random: RandomSite, at time: Double) {
        self.time = time
        let ordered = random.events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        for event in ordered where event.at <= time + 1e-9 {
            switch event.kind {
            case let .connect(profile, socket): evs[socket] = profile
            case let .disconnect(socket): evs[socket] = nil
            case let .stationOffline(station): offline.insert(station)
            case let .stationOnline(station): offline.remove(station)
            case let .stationProfile(station, limit): stationCaps[station] = limit
            case let .socketProfile(socket, limit): socketCaps[socket] = limit
            case let .emsSocket(socket, limit): emsSockets[socket] = (limit, event.at)
            case .meterOffline: meterOnline = false
            case .meterOnline: meterOnline = true
            case let .emsSCN(limit): emsSCN = (limit, event.at)
            case let .overdraw(socket, _): overdraws[socket] = event.at
            default: break
            }
        }
    }

    func emsSocketLimit(_ socket: Int, site: AllocationSite) -> Double? {
        guard case let .ems(.socket, validity, safe) = site.supply else { return nil }
        guard let setPoint = emsSockets[socket], setPoint.at + validity > time + 1e-9 else { return safe }
        return setPoint.limit
    }

    /// SPEC §4 rule 4b applies: a total safe current is set and the SCN runs on its safe current.
    func onTotalSafeCurrent(_ site: AllocationSite) -> Bool {
        guard site.totalSafeCurrent != nil else { return false }
        switch site.supply {
        case .installation: return false
        case .meter: return !meterOnline
        case let .ems(mode, validity, _): return mode == .scn && !(emsSCN.map { $0.at + validity > time + 1e-9 } ?? false)
        }
    }

    /// Whether the socket's EV could have its minimum with the SCN to itself.
    func servableAlone(_ socket: Int, site: AllocationSite, available: PhaseCurrents) -> Bool {
        guard let ev = evs[socket], let spec = site.socket(id: socket) else { return false }
        let phases = spec.mapping.used(by: ev.phases)
        let room = phases.map { available[$0] }.min() ?? 0
        var ceiling = min(spec.maxCurrent, ev.maxCurrent, site.stations[spec.station].maxCurrent, room)
        if let cap = socketCaps[socket] { ceiling = min(ceiling, cap) }
        if let limit = emsSocketLimit(socket, site: site) { ceiling = min(ceiling, limit) }
        if let cap = stationCaps[spec.station] { ceiling = min(ceiling, cap) }
        return ev.minCurrent <= ceiling + 1e-6 && !offline.contains(spec.station)
    }
}
