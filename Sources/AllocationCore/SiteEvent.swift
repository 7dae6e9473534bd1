/// Something that happens to the site at a moment: the timeline's input (SPEC §2 scenario events, already resolved
/// to SCN socket ids and station indices).
public struct SiteEvent: Sendable, Equatable {
    public var at: Double
    public var kind: Kind

    public init(at: Double, _ kind: Kind) {
        self.at = at
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        case connect(EVProfile, socket: Int)
        case disconnect(socket: Int)
        /// Non-EV load seen by the ALB meter, per phase; holds until the next.
        case load(PhaseCurrents)
        case stationOffline(station: Int)
        case stationOnline(station: Int)
        case meterOffline
        case meterOnline
        /// OCPP profile cap on a station's total; nil removes it.
        case stationProfile(station: Int, limit: Double?)
        /// OCPP profile cap on one socket; nil removes it.
        case socketProfile(socket: Int, limit: Double?)
        /// EMS set point for the whole SCN, per phase.
        case emsSCN(limit: Double)
        /// EMS set point for one socket.
        case emsSocket(socket: Int, limit: Double)
        /// The EV draws more than allowed, once (rule 8).
        case overdraw(socket: Int, current: Double)
    }
}

/// The EV that connects.
public struct EVProfile: Sendable, Equatable {
    public var phases: Int
    /// 6 or 14 A: what probing reveals.
    public var minCurrent: Double
    public var maxCurrent: Double
    /// kWh it still wants; nil for as much as the scenario lasts.
    public var energy: Double?

    public init(phases: Int = 1, minCurrent: Double = 6, maxCurrent: Double = .infinity, energy: Double? = nil) {
        self.phases = phases
        self.minCurrent = minCurrent
        self.maxCurrent = maxCurrent
        self.energy = energy
    }
}
