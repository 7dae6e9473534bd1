import AllocationCore

extension RunPlan {
    /// Compiles a planner's plan into one link's wire writes (SPEC §3: "each link compiles them into its wire
    /// operations"). Total: every change becomes a write, or the whole plan is refused with a stable code (exit 2)
    /// before anything is sent — a value the wire cannot carry is never dropped.
    /// - Parameters:
    ///   - current: each station's configuration as just read, where known; a key the station lists is written
    ///     with the station's own spelling of its name (SPEC §3: the station's listing is the truth).
    ///   - firmware: each station's firmware, where known (firmware-dependent HTTPS ids).
    public static func compile(_ plan: Plan, command: String, for link: LinkKind, current: [String: StationConfiguration] = [:],
                               firmware: [String: String] = [:], aliases: KeyAliases = .none, expect: [String] = []) throws(ConfigErrors) -> RunPlan {
        var problems: [ConfigError] = []
        var stations: [Station] = []
        for station in plan.stations {
            let compiler = WriteCompiler(link: link, aliases: aliases, current: current[station.station], firmware: firmware[station.station])
            var writes: [PlannedWrite] = []
            for change in station.changes {
                switch compiler.compile(change, in: station.changes) {
                case .success(let compiled): writes += compiled
                case .failure(let problem): problems.append(problem.error(station: station.station))
                }
            }
            var unlock: UnlockStep?
            if let change = station.unlock {
                switch compiler.compile(change, in: []) {
                case .success(let compiled): unlock = compiled.first.map { UnlockStep(write: $0, expect: expect) }
                case .failure(let problem): problems.append(problem.error(station: station.station))
                }
            }
            stations.append(Station(station: station.station, unlock: unlock, writes: writes))
        }
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return RunPlan(command: command, link: link, stations: stations)
    }
}

/// Why one change has no wire form on a link.
public struct CompileProblem: Error, Sendable, Equatable {
    public var code: String
    public var setting: SettingID
    public var message: String
    public var hint: String

    func error(station: String) -> ConfigError {
        ConfigError(code: code, path: .root + station + setting.rawValue, message: message, hint: hint)
    }
}

/// One link's spelling of the catalog (SPEC §3 table): a change in, its wire writes out, or why there are none.
public struct WriteCompiler: Sendable {
    public var link: LinkKind
    public var aliases: KeyAliases
    public var current: StationConfiguration?
    public var firmware: String?

    public init(link: LinkKind, aliases: KeyAliases = .none, current: StationConfiguration? = nil, firmware: String? = nil) {
        self.link = link
        self.aliases = aliases
        self.current = current
        self.firmware = firmware
    }

    /// `siblings`: the station's other changes (a derived setting is carried by one of them).
    public func compile(_ change: SettingChange, in siblings: [SettingChange]) -> Result<[PlannedWrite], CompileProblem> {
        let setting = SettingsCatalog.setting(change.setting)
        if let problem = representable(change.to, of: setting) { return .failure(problem) }
        switch link {
        case .ocpp: return ocpp(change, setting)
        case .https: return https(change, setting, siblings)
        }
    }

    func ocpp(_ change: SettingChange, _ setting: Setting) -> Result<[PlannedWrite], CompileProblem> {
        guard let key = aliases.ocppKey(for: setting, firmware: firmware) else {
            return .failure(unsupported(setting, hint: "use --via https to set it"))
        }
        guard let wire = setting.kind.ocppString(change.to) else { return .failure(outOfRange(change.to, setting)) }
        // SPEC §3: the alias file may respell a value for this station's firmware.
        let value = aliases.spelling(of: wire, for: setting, firmware: firmware)
        return .success([PlannedWrite(setting: change.setting, key: current?.spelling(ofKey: key) ?? key, value: value)])
    }

    func https(_ change: SettingChange, _ setting: Setting, _ siblings: [SettingChange]) -> Result<[PlannedWrite], CompileProblem> {
        if setting.https == .registerMap {
            guard case .registerMap(let map) = change.to else { return .failure(outOfRange(change.to, setting)) }
            return .success(map.properties.map { PlannedWrite(setting: change.setting, key: $0.id, value: $0.value) })
        }
        guard let wire = setting.kind.httpsString(change.to) else { return .failure(outOfRange(change.to, setting)) }
        // SPEC §3: the alias file may give another property id and spelling, per firmware prefix.
        let value = aliases.spelling(of: wire, for: setting, firmware: firmware)
        let alias = aliases.httpsID(for: setting, firmware: firmware)
        switch setting.https {
        case .property(let id):
            return .success([PlannedWrite(setting: change.setting, key: alias ?? id, value: value)])
        case .bit(let id, let mask):
            return .success([PlannedWrite(setting: change.setting, key: alias ?? id, value: value, bitMask: mask)])
        case .sharedValue(let id, let shared, let also):
            guard change.to == .bool(true) else {
                return .failure(CompileProblem(code: "link.value-unsupported", setting: change.setting,
                                               message: "\(setting.label) can only be switched on over HTTPS (\(id) = \(shared))",
                                               hint: "choose another ALB data source to switch it off"))
            }
            return .success(also.sorted { $0.key < $1.key }.map { PlannedWrite(setting: change.setting, key: $0.key, value: String($0.value)) }
                + [PlannedWrite(setting: change.setting, key: id, value: String(shared))])
        case .derived(let why):
            // SCN enabled is the SCN name being set: carried by that change, so it must be in the same plan.
            let carrier = siblings.contains { $0.setting == .scnName && $0.to != .text("") }
            guard carrier == (change.to == .bool(true)) else {
                return .failure(CompileProblem(code: "link.setting-derived", setting: change.setting,
                                               message: "\(setting.label) has no HTTPS property: \(why)",
                                               hint: "set the SCN name instead"))
            }
            return .success([])
        case .firmwareDependent(let versions):
            guard let firmware else {
                return .failure(CompileProblem(code: "link.firmware-unknown", setting: change.setting,
                                               message: "\(setting.label): its HTTPS property depends on the station's firmware, which is not known yet",
                                               hint: "run it live, where the station's firmware is read first"))
            }
            let ids = HTTPSMapping.firmwareDependent(versions).ids(firmware: firmware) ?? []
            return .success(ids.map { PlannedWrite(setting: change.setting, key: $0, value: value) })
        case .registerMap, .unsupported:
            return .failure(unsupported(setting, hint: "use --via ocpp to set it"))
        }
    }

    /// SPEC §3 validation: limits have 0.01 A resolution; a value finer than that cannot be written as given.
    func representable(_ value: SettingValue, of setting: Setting) -> CompileProblem? {
        guard case .amperes(let amps) = value else { return nil }
        let hundredths = (amps * 100).rounded()
        guard amps.isFinite, abs(hundredths - amps * 100) < 1e-6 else {
            return CompileProblem(code: "setting.resolution", setting: setting.id,
                                  message: "\(setting.label) \(amps) A is finer than the station's 0.01 A resolution",
                                  hint: "round it to two decimals")
        }
        return nil
    }

    func outOfRange(_ value: SettingValue, _ setting: Setting) -> CompileProblem {
        CompileProblem(code: "setting.out-of-range", setting: setting.id,
                       message: "\(setting.label) (\(setting.id.rawValue)) cannot be \(value)" + (setting.kind.rangeText.map { ": it takes \($0)" } ?? ""),
                       hint: "give a value in the setting's range")
    }

    func unsupported(_ setting: Setting, hint: String) -> CompileProblem {
        CompileProblem(code: "link.setting-unsupported", setting: setting.id,
                       message: "\(setting.label) (\(setting.id.rawValue)) cannot be set over \(link.rawValue.uppercased())", hint: hint)
    }
}
