import AllocationCore

/// The number rules of SPEC §3 that are not a setting's current: scenario times and the scenario's own currents,
/// SCN socket ids. Every number read from a file or a flag passes one of these (or `Validator.current`) before it
/// reaches arithmetic, so an absurd value is exit 2 with its field named, never a trap further on.
extension Validator {
    /// SPEC §3: scenario times are finite and at most 366 days.
    public static let maxScenarioSeconds = 366.0 * 86400

    /// The largest current a scenario may name (an EV's maximum, a load, a profile or EMS limit, an overdraw):
    /// the installation's own ceiling (SPEC §3: installation ≤ 4000 A). Above it nothing of the site could differ.
    public static let maxScenarioCurrent = 4000.0

    /// The most energy an EV may ask for (kWh): far above any battery, low enough that a day's arithmetic stays exact.
    public static let maxScenarioEnergy = 10_000.0

    /// A scenario time (`at`, `duration`): finite, not negative, at most 366 days.
    public static func scenarioTime(_ value: Double, at path: FieldPath) -> [ConfigError] {
        guard value.isFinite, value <= maxScenarioSeconds else {
            return [ConfigError(code: "scenario.time-range", path: path,
                                message: "a scenario time must be at most 366 days (\(Quantity.decimal(maxScenarioSeconds, places: 0)) s), found \(value) s",
                                hint: "write seconds or a duration like 90s, 15m, 2h, 3d")]
        }
        guard value >= 0 else {
            return [ConfigError(code: "scenario.time", path: path, message: "times start at 0 s, found \(Quantity.decimal(value, places: 3)) s")]
        }
        return []
    }

    /// A current a scenario names: finite, not negative, at most `maxScenarioCurrent`.
    public static func scenarioCurrent(_ value: Double, at path: FieldPath) -> [ConfigError] {
        guard value.isFinite, value >= 0, value <= maxScenarioCurrent else {
            return [ConfigError(code: "scenario.current-range", path: path,
                                message: "a scenario current must be 0 to \(Quantity.amps(maxScenarioCurrent)), found \(value) A",
                                hint: "currents are amperes per phase, like 16")]
        }
        return []
    }

    /// An EV's energy (kWh): more than 0, at most `maxScenarioEnergy`.
    public static func scenarioEnergy(_ value: Double, at path: FieldPath) -> [ConfigError] {
        guard value.isFinite, value > 0, value <= maxScenarioEnergy else {
            return [ConfigError(code: "scenario.ev-energy", path: path,
                                message: "energy must be more than 0 and at most \(Quantity.decimal(maxScenarioEnergy, places: 0)) kWh, found \(value)",
                                hint: "leave energy out for an EV that charges until it leaves")]
        }
        return []
    }

    /// SPEC §3: the SCN alternating period is 60 to 36000 s (finite: NaN and ±Inf fail the range too).
    public static func alternatingPeriod(_ value: Double, _ namer: FieldNamer) -> [ConfigError] {
        guard !(60...36000).contains(value) else { return [] }
        return [ConfigError(code: "scn.alternating-period", path: namer(.scnAlternatingPeriod),
                            message: "the alternating period must be 60 to 36000 s, found \(Quantity.decimal(value, places: 3)) s",
                            hint: "the default is 900 s (15 min)")]
    }

    /// SPEC §3: an SCN has at most 128 sockets, ids 0 to 127 (checked before the layout does arithmetic on them).
    public static func socketID(_ value: Int, at path: FieldPath) -> [ConfigError] {
        guard !(0...127).contains(value) else { return [] }
        return [ConfigError(code: "scn.socket-id-range", path: path,
                            message: "SCN socket id \(value) is outside 0 to 127 (an SCN has at most 128 sockets)",
                            hint: "renumber the socketIds from 0")]
    }
}
