import AllocationCore
import SharedText

/// A site file (SPEC §2): the installation, its stations, and optionally an SCN and ALB over them.
/// Values are as written; `SiteLayout` derives socket ids and mappings, `SiteValidator` judges them.
public struct Site: Sendable, Equatable {
    public var name: String
    public var installation: Installation
    public var scn: SCNSettings?
    public var alb: ALBSettings?
    public var stations: [StationEntry]
    /// Line of each field as written, for errors found after decoding.
    public var lines: [FieldPath: Int] = [:]
    public var file: String?

    public init(name: String, installation: Installation, scn: SCNSettings? = nil, alb: ALBSettings? = nil,
                stations: [StationEntry]) {
        self.name = name
        self.installation = installation
        self.scn = scn
        self.alb = alb
        self.stations = stations
    }
}

public struct Installation: Sendable, Equatable {
    /// 1 or 3 at the point of interconnection.
    public var phases: Int
    /// A per phase for the chargers in total (SCN-TotalStaticCurrent).
    public var maxCurrent: Double
    public init(phases: Int, maxCurrent: Double) {
        self.phases = phases
        self.maxCurrent = maxCurrent
    }
}

public struct SCNSettings: Sendable, Equatable {
    public var name: String
    public var socketSafeCurrent: Double
    public var alternatingPeriod: Double
    /// `SCN-TotalSafeCurrent` (SPEC §4 rule 4b); nil leaves the station's value alone and the rule out.
    public var totalSafeCurrent: Double?
    public init(name: String, socketSafeCurrent: Double = 6, alternatingPeriod: Double = 900, totalSafeCurrent: Double? = nil) {
        self.name = name
        self.totalSafeCurrent = totalSafeCurrent
        self.socketSafeCurrent = socketSafeCurrent
        self.alternatingPeriod = alternatingPeriod
    }
}

public enum ALBSource: String, Sendable, Equatable, CaseIterable {
    case p1, tic
    case modbusRTU = "modbus-rtu"
    case modbusTCP = "modbus-tcp"
    case ems
}

public struct ALBSettings: Sendable, Equatable {
    public var source: ALBSource
    public var maxCurrent: Double
    public var safeCurrent: Double
    public var includesChargers: Bool
    /// `Phase-Connected`: the grid phases on the ALB station's feeder, in its L1-L2-L3 order (manual §5.3.3 step 10);
    /// nil takes that station's own mapping (`Site.plannedPhaseConnected`).
    public var phaseConnected: PhaseMapping?
    public var allowPhaseSwitching: Bool
    /// The station that hosts the meter or EMS; nil means the first station.
    public var station: String?
    public var meter: MeterSettings?
    public var ems: EMSSettings?

    public init(source: ALBSource, maxCurrent: Double, safeCurrent: Double, includesChargers: Bool = false,
                phaseConnected: PhaseMapping? = nil, allowPhaseSwitching: Bool = false,
                station: String? = nil, meter: MeterSettings? = nil, ems: EMSSettings? = nil) {
        self.source = source
        self.maxCurrent = maxCurrent
        self.safeCurrent = safeCurrent
        self.includesChargers = includesChargers
        self.phaseConnected = phaseConnected
        self.allowPhaseSwitching = allowPhaseSwitching
        self.station = station
        self.meter = meter
        self.ems = ems
    }
}

public struct MeterSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var unit: Int
    public var preset: String
    public init(host: String, port: Int = 502, unit: Int, preset: String) {
        self.host = host
        self.port = port
        self.unit = unit
        self.preset = preset
    }
}

public struct EMSSettings: Sendable, Equatable {
    public var mode: EMSMode
    public var validityTime: Double
    public init(mode: EMSMode = .scn, validityTime: Double = 60) {
        self.mode = mode
        self.validityTime = validityTime
    }
}

/// A secret is never written into a site file in clear when it can be avoided: it names where to find it.
public enum SecretRef: Sendable, Equatable, CustomStringConvertible {
    case literal(String)
    case env(String)
    case file(String)

    /// Never the secret itself (SPEC §6).
    public var description: String {
        switch self {
        case .literal: SecretMask.text
        case let .env(name): "{env: \(name)}"
        case let .file(path): "{file: \(path)}"
        }
    }
}

public struct StationEntry: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var host: String?
    public var model: String?
    public var phases: Int?
    public var feeders: Int
    public var socketID: Int?
    public var maxCurrent: Double
    public var probingCurrent: Double?
    public var licenseKey: SecretRef?
    public var ocppPassword: SecretRef?
    /// The station's local HTTPS API password for user `admin` (SPEC §3 "The HTTPS link in practice").
    public var httpsPassword: SecretRef?
    public var sockets: [SocketEntry]

    public init(id: String, name: String? = nil, host: String? = nil, model: String? = nil, phases: Int? = nil,
                feeders: Int = 1, socketID: Int? = nil, maxCurrent: Double, probingCurrent: Double? = nil,
                licenseKey: SecretRef? = nil, ocppPassword: SecretRef? = nil, httpsPassword: SecretRef? = nil,
                sockets: [SocketEntry]) {
        self.id = id
        self.name = name
        self.host = host
        self.model = model
        self.phases = phases
        self.feeders = feeders
        self.socketID = socketID
        self.maxCurrent = maxCurrent
        self.probingCurrent = probingCurrent
        self.licenseKey = licenseKey
        self.ocppPassword = ocppPassword
        self.httpsPassword = httpsPassword
        self.sockets = sockets
    }
}

public struct SocketEntry: Sendable, Equatable {
    public var maxCurrent: Double
    public var phaseMapping: PhaseMapping?
    public init(maxCurrent: Double, phaseMapping: PhaseMapping? = nil) {
        self.maxCurrent = maxCurrent
        self.phaseMapping = phaseMapping
    }
}
