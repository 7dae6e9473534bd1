/// Everything the allocator needs to decide one instant. The timeline builds it from its state; tests build it directly.
public struct AllocationInput: Sendable {
    public var site: AllocationSite
    /// What the SCN may use per phase before reservations: installation, ALB meter, EMS or safe current applied.
    public var available: PhaseCurrents
    /// Occupied sockets, in connection order.
    public var demands: [SocketDemand]
    /// Indices of stations that lost the SCN link (rule 6).
    public var offlineStations: Set<Int>
    /// OCPP profile caps on a station's total (rule 7), by station index.
    public var stationCaps: [Int: Double]
    /// Per-socket caps that the allocation shares around (EMS socket set points), by socket id.
    public var socketLimits: [Int: Double]
    /// OCPP profile caps on single sockets (rule 7), by socket id: applied after sharing, surplus not redistributed.
    public var socketCaps: [Int: Double]
    /// The alternation rotation pointer: the first SCN id a paused block may start at.
    public var rotationPointer: Int
    /// SPEC §4 rule 4b: the SCN runs on its total safe current, so occupied sockets are admitted in ascending SCN-id
    /// order while their minimum fits, and the rest are paused (no alternation).
    public var admitsByPriority: Bool

    public init(
        site: AllocationSite, available: PhaseCurrents, demands: [SocketDemand], offlineStations: Set<Int> = [],
        stationCaps: [Int: Double] = [:], socketLimits: [Int: Double] = [:], socketCaps: [Int: Double] = [:],
        rotationPointer: Int = 0, admitsByPriority: Bool = false
    ) {
        self.admitsByPriority = admitsByPriority
        self.site = site
        self.available = available
        self.demands = demands
        self.offlineStations = offlineStations
        self.stationCaps = stationCaps
        self.socketLimits = socketLimits
        self.socketCaps = socketCaps
        self.rotationPointer = rotationPointer
    }
}

/// An EV plugged into a socket.
public struct SocketDemand: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Connected, waiting for earlier probes to leave room for its probing current (rule 1).
        case waitingToProbe
        case probing
        /// Probed: its minimum is known.
        case known
        /// Over-current detected: paused (rule 8).
        case suspended
        /// Its energy is delivered; it no longer counts as occupied.
        case finished
    }

    public var socket: Int
    public var phase: Phase
    /// Phases the EV can draw on (1, 2 or 3); it uses the first ones of its socket's mapping.
    public var evPhases: Int
    /// 6 or 14 A; meaningful once probed.
    public var minCurrent: Double
    public var maxCurrent: Double

    public init(socket: Int, phase: Phase, evPhases: Int = 1, minCurrent: Double = 6, maxCurrent: Double = .infinity) {
        self.socket = socket
        self.phase = phase
        self.evPhases = evPhases
        self.minCurrent = minCurrent
        self.maxCurrent = maxCurrent
    }
}

public enum SocketState: String, Sendable, Equatable, CaseIterable {
    case idle, probing, charging, paused, safe, finished
}

/// One socket's share of one instant.
public struct SocketAllocation: Sendable, Equatable {
    public var state: SocketState
    public var current: Double
    /// The phases the EV draws on; empty when it draws nothing.
    public var phases: PhaseList

    public init(state: SocketState, current: Double = 0, phases: PhaseList = []) {
        self.state = state
        self.current = current
        self.phases = phases
    }

    public static let idle = SocketAllocation(state: .idle)
}

/// The allocator's answer for one instant.
public struct Allocation: Sendable, Equatable {
    /// One per socket of the site, in SCN-id order (aligned with `AllocationSite.sockets`).
    public var shares: [SocketAllocation]
    /// The SCN id of each entry of `shares`.
    public var socketIDs: [Int]
    /// Sockets that were waiting and may probe from now on.
    public var probesStarted: [Int]
    /// The alternation block paused so the rest get their minimum; empty when everyone fits.
    public var pausedBlock: [Int]
    /// Sockets whose EV's minimum cannot be met even alone (rule 3): paused and reported.
    public var unservable: [Int]
    /// The EVs' current per phase.
    public var phaseLoad: PhaseCurrents
    /// What the SCN may use per phase (the input's).
    public var available: PhaseCurrents

    public var isAlternating: Bool { !pausedBlock.isEmpty }

    /// By SCN socket id, every socket of the site.
    public var sockets: [Int: SocketAllocation] {
        var table = [Int: SocketAllocation](minimumCapacity: shares.count)
        for (id, share) in zip(socketIDs, shares) { table[id] = share }
        return table
    }
}
