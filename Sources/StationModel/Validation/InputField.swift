/// A value the shared rules judge, named by what it is rather than where it was written: the same rule speaks of
/// `alb.meter.unit` in a site file and of `--meter-unit` on the command line (SPEC §3, "Validation").
public enum InputField: Sendable, Hashable {
    case installationMaxCurrent
    /// A station's maximum, by its index in the run (the site file's `stations[i]`; 0 on the command line).
    case stationMaxCurrent(station: Int)
    /// A socket's maximum; `socket` counts from 0 (connector 1 is socket 0).
    case socketMaxCurrent(station: Int, socket: Int)
    case probingCurrent(station: Int)
    case scnSocketSafeCurrent
    case scnTotalSafeCurrent
    case scnAlternatingPeriod
    case alb(ALBField)
}

/// The values of an ALB request (`ALBRequest`) a rule can name.
public enum ALBField: String, Sendable, Hashable, CaseIterable {
    case source, maxCurrent, safeCurrent, phaseConnected, allowPhaseSwitching
    case meter, meterHost, meterPort, meterUnit, meterPreset
    case emsMode, emsValidityTime
}

/// How one caller calls the fields: the site file by field path, the command line by the flag the user typed, the
/// wizard by its question. A rule's `ConfigError.path` is what this returns.
public struct FieldNamer: Sendable {
    public var name: @Sendable (InputField) -> FieldPath

    public init(name: @escaping @Sendable (InputField) -> FieldPath) { self.name = name }

    public func callAsFunction(_ field: InputField) -> FieldPath { name(field) }
    public func callAsFunction(_ field: ALBField) -> FieldPath { name(.alb(field)) }

    /// A site file's field paths (`stations[1].sockets[0].maxCurrent`, `alb.meter.unit`); the ALB block sits at
    /// `alb` (SPEC §2).
    public static let siteFile = FieldNamer.siteFile(alb: .root + "alb")

    /// Site-file paths with the ALB block at `alb`; the planner names fields under the path it was given.
    public static func siteFile(alb: FieldPath) -> FieldNamer {
        FieldNamer { field in
            switch field {
            case .installationMaxCurrent: .root + "installation" + "maxCurrent"
            case let .stationMaxCurrent(station): .root + "stations" + station + "maxCurrent"
            case let .socketMaxCurrent(station, socket): .root + "stations" + station + "sockets" + socket + "maxCurrent"
            case let .probingCurrent(station): .root + "stations" + station + "probingCurrent"
            case .scnSocketSafeCurrent: .root + "scn" + "socketSafeCurrent"
            case .scnTotalSafeCurrent: .root + "scn" + "totalSafeCurrent"
            case .scnAlternatingPeriod: .root + "scn" + "alternatingPeriod"
            case let .alb(field):
                switch field {
                case .meter: alb + "meter"
                case .meterHost: alb + "meter" + "host"
                case .meterPort: alb + "meter" + "port"
                case .meterUnit: alb + "meter" + "unit"
                case .meterPreset: alb + "meter" + "preset"
                case .emsMode: alb + "ems" + "mode"
                case .emsValidityTime: alb + "ems" + "validityTime"
                default: alb + field.rawValue
                }
            }
        }
    }

    /// A single name, for a caller whose fields are flags or questions: `FieldPath.named("--meter-unit")`.
    public static func flag(_ name: String) -> FieldPath { .root + name }
}
