/// The site as the allocation core sees it: sockets with SCN ids, stations, and the supply that limits them.
/// StationModel builds it from a site file; nothing here knows about files or protocols.
public struct AllocationSite: Sendable, Equatable {
    public var phases: [Phase]
    /// Installation cap per phase (SCN-TotalStaticCurrent, or the fuse in front of a lone station).
    public var installationMaxCurrent: Double
    public var socketSafeCurrent: Double
    public var alternatingPeriod: Double
    /// `SCN-TotalSafeCurrent` (SPEC §4 rule 4b): while the SCN runs on its safe current, the available current per
    /// phase is the lower of the safe current and this, admitted by socket id instead of alternated. nil: not set.
    public var totalSafeCurrent: Double?
    public var stations: [StationSpec]
    /// Sorted by SCN id.
    public private(set) var sockets: [SocketSpec]
    /// SCN id → index into `sockets` (-1: none). SCN ids are 0…127, so a plain array beats hashing on the hot path.
    private var positions: [Int] = []
    /// The SCN id of each entry of `sockets`.
    public private(set) var socketIDs: [Int] = []
    public var supply: Supply

    public init(
        phases: [Phase], installationMaxCurrent: Double, socketSafeCurrent: Double = 6,
        alternatingPeriod: Double = 900, stations: [StationSpec], sockets: [SocketSpec], supply: Supply = .installation,
        totalSafeCurrent: Double? = nil
    ) {
        self.totalSafeCurrent = totalSafeCurrent
        self.phases = phases
        self.installationMaxCurrent = installationMaxCurrent
        self.socketSafeCurrent = socketSafeCurrent
        self.alternatingPeriod = alternatingPeriod
        self.stations = stations
        self.sockets = sockets.sorted { $0.id < $1.id }
        let largest = self.sockets.map(\.id).max() ?? -1
        positions = Array(repeating: -1, count: max(0, min(largest, 1 << 16) + 1))
        for (position, socket) in self.sockets.enumerated() where positions.indices.contains(socket.id) { positions[socket.id] = position }
        socketIDs = self.sockets.map { $0.id }
        self.supply = supply
    }

    /// The installation cap on the site's phases, zero on phases the site does not have.
    public var installationLimit: PhaseCurrents {
        var limit = PhaseCurrents.zero
        for phase in phases { limit[phase] = installationMaxCurrent }
        return limit
    }

    public func socket(id: Int) -> SocketSpec? { position(of: id).map { sockets[$0] } }

    /// Index of the socket with this SCN id in `sockets`.
    public func position(of id: Int) -> Int? {
        guard positions.indices.contains(id), positions[id] >= 0 else { return nil }
        return positions[id]
    }
}

public struct StationSpec: Sendable, Equatable {
    public var id: String
    public var maxCurrent: Double
    public init(id: String, maxCurrent: Double) {
        self.id = id
        self.maxCurrent = maxCurrent
    }
}

public struct SocketSpec: Sendable, Equatable {
    /// SCN socket id.
    public var id: Int
    /// Index into `AllocationSite.stations`.
    public var station: Int
    /// Connector number on its station, from 1.
    public var connector: Int
    public var maxCurrent: Double
    public var mapping: PhaseMapping {
        didSet { usedPhases = Self.usedPhases(mapping) }
    }
    /// `mapping.used(by: n)` for n = 1, 2, 3, computed once: the allocator asks for it at every instant.
    private var usedPhases: [PhaseList]
    /// Chameleon-MinCurrent of its station.
    public var probingCurrent: Double

    public init(id: Int, station: Int, connector: Int = 1, maxCurrent: Double, mapping: PhaseMapping, probingCurrent: Double = 14) {
        self.id = id
        self.station = station
        self.connector = connector
        self.maxCurrent = maxCurrent
        self.mapping = mapping
        self.usedPhases = Self.usedPhases(mapping)
        self.probingCurrent = probingCurrent
    }

    /// The phases an EV drawing on `count` phases uses on this socket.
    public func phases(usedBy count: Int) -> PhaseList { usedPhases[max(1, min(count, 3)) - 1] }

    private static func usedPhases(_ mapping: PhaseMapping) -> [PhaseList] { (1...3).map { PhaseList(mapping.used(by: $0)) } }
}

/// What bounds the SCN's available current besides the installation (SPEC §4 rules 4 and 5).
public enum Supply: Sendable, Equatable {
    /// No ALB: the installation cap alone.
    case installation
    /// An ALB meter: `maxCurrent` minus the non-EV load; `safeCurrent` while the meter is lost.
    case meter(maxCurrent: Double, safeCurrent: Double)
    /// An EMS writing set points valid for `validityTime` seconds; `safeCurrent` before the first and after a lapse.
    case ems(mode: EMSMode, validityTime: Double, safeCurrent: Double)
}

public enum EMSMode: String, Sendable, Equatable {
    /// Set points address single sockets.
    case socket
    /// Set points address the whole SCN, per phase.
    case scn
}
