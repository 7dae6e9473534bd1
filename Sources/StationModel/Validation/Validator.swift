import AllocationCore

/// The one set of input rules (SPEC §3, "Validation"): the command line's flags, the site file and the wizard all
/// call these, each with its `FieldNamer`, so a rule and its stable code exist once. Every function returns all the
/// problems it finds; an empty array means the value is accepted. The errors carry no file or line: a caller that
/// has them (`SiteValidator`) adds them.
public enum Validator {
    /// What a current is, which decides its range (SPEC §3: station and socket max ≤ 80 A, meter max ≤ 1000 A,
    /// installation ≤ 4000 A, probing current 6 < x ≤ 32).
    public enum CurrentKind: Sendable {
        case stationMax, socketMax, meterMax, installationMax
        /// A safe current (ALB's, the SCN sockets'): more than 0 A, not a limit, so not held to ≥ 1 A.
        case safe
        case probing

        var maximum: Double {
            switch self {
            case .stationMax, .socketMax: 80
            case .meterMax, .safe: 1000
            case .installationMax: 4000
            case .probing: 32
            }
        }

        /// Limits are at least 1 A; a safe current only more than 0 A.
        var isLimit: Bool { self != .safe && self != .probing }
    }

    /// The wire carries currents to 0.01 A; a finer value is refused rather than rounded (0.001 A is not "0").
    public static let currentResolution = 0.01

    /// One current: finite, more than 0 A (≥ 1 A for a limit), a whole number of 0.01 A, within its kind's range.
    public static func current(_ value: Double, _ kind: CurrentKind, _ field: InputField, _ namer: FieldNamer) -> [ConfigError] {
        let path = namer(field)
        func error(_ code: String, _ message: String, _ hint: String) -> [ConfigError] {
            [ConfigError(code: code, path: path, message: message, hint: hint)]
        }
        guard value.isFinite else {
            return error("current.not-finite", "a current must be a finite number of amperes, found \(value)", "write the current in amperes, like 16")
        }
        guard value > 0 else {
            return error("current.not-positive", "a current must be more than 0 A, found \(Quantity.amps(value))", "write the current in amperes")
        }
        if kind == .probing, !(value > 6 && value <= 32) {
            return error("station.probing-current", "the probing current must be above 6 A and at most 32 A, found \(Quantity.amps(value))",
                         "leave it out for the default 14 A")
        }
        if kind.isLimit, value < 1 {
            return error("current.below-minimum", "a current limit must be at least 1 A, found \(value) A",
                         "write the current in amperes, like 16")
        }
        let hundredths = value / currentResolution
        if abs(hundredths - hundredths.rounded()) > 1e-6 {
            return error("current.resolution", "currents are set in steps of 0.01 A, found \(value) A",
                         "round it to two decimals, like \(Quantity.decimal(max(value, currentResolution), places: 2))")
        }
        if value > kind.maximum {
            return error("current.above-range", "this current can be at most \(Quantity.amps(kind.maximum)), found \(Quantity.amps(value))",
                         "check the unit: currents are amperes per phase")
        }
        return []
    }

    /// SPEC §3: a socket's maximum is not above its station's (in a site file, and on the command line when both
    /// `--connector-max-current` and `--station-max-current` are given).
    public static func socketWithinStation(socket: Double, station: Double, _ socketField: InputField, _ stationField: InputField,
                                           _ namer: FieldNamer) -> [ConfigError] {
        guard socket > station else { return [] }
        return [ConfigError(code: "socket.max-above-station", path: namer(socketField),
                            message: "the socket's \(Quantity.amps(socket)) is above its station's \(Quantity.amps(station))",
                            hint: "lower \(namer(socketField)) or raise \(namer(stationField))")]
    }

    /// SPEC §2, §3: an alternating period below 900 s is a warning on every link (the vendor app refuses it; the
    /// HTTPS API is reported to take 900..36000); outside 60..36000 is an error, judged elsewhere.
    public static func alternatingPeriodWarning(_ seconds: Double, at path: FieldPath) -> Finding? {
        guard (60..<900).contains(seconds) else { return nil }
        return Finding(.warn, "scn.alternating-period-short",
                       "an alternating period of \(Quantity.decimal(seconds, places: 3)) s is below 900 s: the vendor app refuses it and the HTTPS API is reported to take 900 s or more",
                       hint: "use 900 s (15 min) or more", path: path)
    }

    /// SPEC §3: a phase mapping is one of the nine names (`L1` … `L3L2L1`). The code is the one site files have
    /// always given a value outside its choices (`file.value`).
    public static func phaseMapping(_ text: String, at path: FieldPath) -> Result<PhaseMapping, ConfigError> {
        if let mapping = PhaseMapping(name: text) { return .success(mapping) }
        return .failure(ConfigError(code: "file.value", path: path, message: "\"\(text)\" is not a phase mapping",
                                    hint: "use one of \(PhaseMapping.all.map(\.name).joined(separator: ", "))"))
    }
}
