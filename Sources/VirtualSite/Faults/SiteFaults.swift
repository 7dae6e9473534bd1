import AllocationCore
import StationModel

/// Faults seeded into a virtual site so that `verify` has something to find (issue 17): the installation as it
/// really is, where it differs from what the site file and the stations' settings say. Given to `simulate` as
/// repeatable `--fault KIND[=…]` options (README "Seeded faults"). Pure.
public struct SiteFaults: Sendable, Equatable {
    /// The grid phase the meter's own L1, L2, L3 measure (two swapped: L2, L1, L3).
    public var meterPhases: [Phase] = Phase.allCases
    /// Sockets wired to other grid phases than their `SCN-PhaseMapping` says: station id → connector → phases.
    public var wiring: [String: [Int: PhaseMapping]] = [:]
    /// Keys a station holds at a value whatever is written to it: station id → key → value. A wrong SCN name, a
    /// duplicate socket id and a short EMS validity are such keys.
    public var pinned: [String: [String: String]] = [:]
    /// Feature bits (alfen-station.md §4.4) a station's licence never unlocks: ALB locked is 0x4.
    public var locked: [String: UInt32] = [:]
    /// The meter does not answer: its port refuses connections.
    public var meterUnreachable = false

    public init() {}

    public var isEmpty: Bool { self == SiteFaults() }

    /// The kinds `--fault` takes, for help and errors.
    public static let kinds = [
        "meter-phases=L2L1L3", "wiring=STATION:CONNECTOR=MAPPING", "scn-name=STATION=NAME", "socket-id=STATION=ID",
        "alb-locked=STATION", "ems-validity=STATION=SECONDS", "meter-unreachable",
    ]

    /// Reads `--fault` values against the site (stations by id or name).
    public static func parse(_ specs: [String], site: Site) throws(SiteFaultError) -> SiteFaults {
        var faults = SiteFaults()
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            func station(_ name: String) throws(SiteFaultError) -> String {
                guard let entry = site.stations.first(where: { $0.id == name || $0.name == name }) else {
                    throw SiteFaultError(spec: spec, problem: "the site has no station \(name)")
                }
                return entry.id
            }
            func argument(_ index: Int) throws(SiteFaultError) -> String {
                guard parts.count > index, !parts[index].isEmpty else { throw SiteFaultError(spec: spec, problem: "a value is missing") }
                return parts[index]
            }
            switch parts[0] {
            case "meter-phases":
                guard let mapping = PhaseMapping(name: try argument(1)), mapping.isThreePhase else {
                    throw SiteFaultError(spec: spec, problem: "give the grid phases the meter's L1, L2, L3 measure, e.g. L2L1L3")
                }
                faults.meterPhases = mapping.phases
            case "wiring":
                let target = try argument(1)
                guard let colon = target.lastIndex(of: ":"), let connector = Int(target[target.index(after: colon)...]), (1...2).contains(connector),
                      let mapping = PhaseMapping(name: try argument(2)) else {
                    throw SiteFaultError(spec: spec, problem: "write wiring=STATION:CONNECTOR=MAPPING, e.g. wiring=bay-3:1=L1L2L3")
                }
                faults.wiring[try station(String(target[..<colon])), default: [:]][connector] = mapping
            case "scn-name":
                faults.pinned[try station(try argument(1)), default: [:]]["SCN-NetworkName"] = try argument(2)
            case "socket-id":
                guard let id = Int(try argument(2)), (0...128).contains(id) else { throw SiteFaultError(spec: spec, problem: "the socket id is 0 to 128") }
                faults.pinned[try station(try argument(1)), default: [:]]["SCN-SocketID"] = String(id)
            case "ems-validity":
                guard let seconds = Int(try argument(2)), seconds > 0 else { throw SiteFaultError(spec: spec, problem: "the validity is whole seconds above 0") }
                faults.pinned[try station(try argument(1)), default: [:]]["MbsSlaveTCPIPValidityTime"] = String(seconds)
            case "alb-locked":
                faults.locked[try station(try argument(1)), default: 0] |= 0x4
            case "meter-unreachable":
                guard parts.count == 1 else { throw SiteFaultError(spec: spec, problem: "meter-unreachable takes no value") }
                faults.meterUnreachable = true
            default:
                throw SiteFaultError(spec: spec, problem: "unknown fault \(parts[0])")
            }
        }
        return faults
    }

    /// What the meter's own phases read, given the grid's.
    public func meterReading(_ grid: PhaseCurrents) -> PhaseCurrents {
        PhaseCurrents(l1: grid[meterPhases[0]], l2: grid[meterPhases[1]], l3: grid[meterPhases[2]])
    }
}

/// A `--fault` value that cannot be read: exit 2, nothing started.
public struct SiteFaultError: Error, Sendable, Equatable, CustomStringConvertible {
    public var spec: String
    public var problem: String
    public var description: String { "--fault \(spec): \(problem)" }
    public var hint: String { "one of: \(SiteFaults.kinds.joined(separator: ", "))" }
}
