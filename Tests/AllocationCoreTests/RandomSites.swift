@testable import AllocationCore
import TestRandom

/// Random but valid sites and scenarios for the invariant tests.
struct RandomSite {
    var site: AllocationSite
    var events: [SiteEvent]
    var duration: Double

    static func make(seed: UInt64, faults: Bool = true) -> RandomSite {
        var rng = SplitMix64(seed: seed)
        let threePhase = Bool.random(using: &rng)
        let phases: [Phase] = threePhase ? Phase.allCases : [.l1]
        let stationCount = Int.random(in: 1...10, using: &rng)
        let safe = Double([6, 6, 8, 10].randomElement(using: &rng)!)
        var stations: [StationSpec] = []
        var sockets: [SocketSpec] = []
        for index in 0..<stationCount {
            let stationMax = Double(Int.random(in: 10...32, using: &rng))
            stations.append(StationSpec(id: "S\(index)", maxCurrent: stationMax))
            for connector in 1...Int.random(in: 1...2, using: &rng) {
                let mapping = threePhase ? PhaseMapping.all.randomElement(using: &rng)! : .l1
                let socketMax = max(safe, Double(Int.random(in: 6...Int(stationMax), using: &rng)))
                sockets.append(SocketSpec(id: sockets.count, station: index, connector: connector,
                                          maxCurrent: min(socketMax, stationMax), mapping: mapping,
                                          probingCurrent: Double([14, 14, 10, 16].randomElement(using: &rng)!)))
            }
        }
        let supply: Supply = switch Int.random(in: 0...2, using: &rng) {
        case 0: .installation
        case 1: .meter(maxCurrent: Double(Int.random(in: 16...80, using: &rng)), safeCurrent: Double(Int.random(in: 6...16, using: &rng)))
        default: .ems(mode: Bool.random(using: &rng) ? .scn : .socket, validityTime: 300, safeCurrent: Double(Int.random(in: 6...16, using: &rng)))
        }
        let site = AllocationSite(phases: phases, installationMaxCurrent: Double(Int.random(in: 10...80, using: &rng)),
                                  socketSafeCurrent: safe, alternatingPeriod: Double([60, 120, 900].randomElement(using: &rng)!),
                                  stations: stations, sockets: sockets, supply: supply)
        let duration = Double(Int.random(in: 1800...14400, using: &rng))
        var events: [SiteEvent] = []
        for _ in 0..<Int.random(in: 1...40, using: &rng) {
            let at = Double(Int.random(in: 0..<Int(duration), using: &rng))
            let socket = Int.random(in: 0..<sockets.count, using: &rng)
            let station = Int.random(in: 0..<stationCount, using: &rng)
            let roll = faults ? Int.random(in: 0...15, using: &rng) : Int.random(in: 0...5, using: &rng)
            switch roll {
            case 0...3:
                let profile = EVProfile(phases: Int.random(in: 1...3, using: &rng), minCurrent: Bool.random(using: &rng) ? 6 : 14,
                                        maxCurrent: Bool.random(using: &rng) ? .infinity : Double(Int.random(in: 6...32, using: &rng)),
                                        energy: Bool.random(using: &rng) ? nil : Double(Int.random(in: 1...20, using: &rng)))
                events.append(SiteEvent(at: at, .connect(profile, socket: socket)))
            case 4, 5: events.append(SiteEvent(at: at, .disconnect(socket: socket)))
            case 6: events.append(SiteEvent(at: at, .load(PhaseCurrents(l1: Double(Int.random(in: 0...60, using: &rng)),
                                                                       l2: Double(Int.random(in: 0...60, using: &rng)),
                                                                       l3: Double(Int.random(in: 0...60, using: &rng))))))
            case 7: events.append(SiteEvent(at: at, Bool.random(using: &rng) ? .meterOffline : .meterOnline))
            case 8: events.append(SiteEvent(at: at, .stationOffline(station: station)))
            case 9: events.append(SiteEvent(at: at, .stationOnline(station: station)))
            case 10: events.append(SiteEvent(at: at, .stationProfile(station: station, limit: Bool.random(using: &rng) ? nil : Double(Int.random(in: 0...32, using: &rng)))))
            case 11: events.append(SiteEvent(at: at, .socketProfile(socket: socket, limit: Bool.random(using: &rng) ? nil : Double(Int.random(in: 0...32, using: &rng)))))
            case 12: events.append(SiteEvent(at: at, .emsSCN(limit: Double(Int.random(in: 0...60, using: &rng)))))
            case 13: events.append(SiteEvent(at: at, .emsSocket(socket: socket, limit: Double(Int.random(in: 0...32, using: &rng)))))
            default: events.append(SiteEvent(at: at, .overdraw(socket: socket, current: 40)))
            }
        }
        return RandomSite(site: site, events: events, duration: duration)
    }
}
