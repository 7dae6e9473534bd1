import AllocationCore

/// What `alb configure` or a site's `alb` block asks for. Fields left nil stay as the station has them (the
/// command line); a site file fills them with the SPEC §3 defaults first (`ALBRequest(site:)`).
public struct ALBRequest: Sendable, Equatable {
    public var source: ALBSource
    public var maxCurrent: Double?
    public var safeCurrent: Double?
    public var includesChargers: Bool?
    public var phaseConnected: PhaseMapping?
    public var allowPhaseSwitching: Bool?
    public var meter: MeterTarget?
    public var emsMode: EMSMode?
    public var emsValidityTime: Double?

    /// The meter a Modbus source reads; `host` nil for a meter on the station's RS-485 bus (Modbus RTU).
    public struct MeterTarget: Sendable, Equatable {
        public var host: String?
        public var port: Int
        public var unit: Int?
        public var preset: String?
        /// The preset's register map, resolved by the caller (presets are files): what the HTTPS link writes for a
        /// meter other than a Socomec.
        public var registerMap: CustomRegisterMap?
        public init(host: String?, port: Int = 502, unit: Int? = nil, preset: String? = nil, registerMap: CustomRegisterMap? = nil) {
            self.host = host
            self.port = port
            self.unit = unit
            self.preset = preset
            self.registerMap = registerMap
        }

        /// Whether the station needs a custom register map for it (only a Socomec is built in).
        public var isCustom: Bool { preset.map { !ALBPlanner.ocppMeterPresets.contains($0) } ?? false }
    }

    public init(source: ALBSource, maxCurrent: Double? = nil, safeCurrent: Double? = nil, includesChargers: Bool? = nil,
                phaseConnected: PhaseMapping? = nil, allowPhaseSwitching: Bool? = nil, meter: MeterTarget? = nil,
                emsMode: EMSMode? = nil, emsValidityTime: Double? = nil) {
        self.source = source
        self.maxCurrent = maxCurrent
        self.safeCurrent = safeCurrent
        self.includesChargers = includesChargers
        self.phaseConnected = phaseConnected
        self.allowPhaseSwitching = allowPhaseSwitching
        self.meter = meter
        self.emsMode = emsMode
        self.emsValidityTime = emsValidityTime
    }

    public init(site alb: ALBSettings) {
        self.init(source: alb.source, maxCurrent: alb.maxCurrent, safeCurrent: alb.safeCurrent,
                  includesChargers: alb.includesChargers, phaseConnected: alb.phaseConnected,
                  allowPhaseSwitching: alb.allowPhaseSwitching ? true : nil,
                  meter: alb.meter.map { MeterTarget(host: $0.host, port: $0.port, unit: $0.unit, preset: $0.preset) },
                  emsMode: alb.source == .ems ? (alb.ems ?? EMSSettings()).mode : nil,
                  emsValidityTime: alb.source == .ems ? (alb.ems ?? EMSSettings()).validityTime : nil)
    }
}

/// SPEC §3: the ALB changes on the station that hosts the data source.
public enum ALBPlanner {
    /// Presets the OCPP keys can select: `MBTCPSmart-SlaveMeterModel` knows only Socomec, on port 502.
    public static let ocppMeterPresets = ["socomec-countis-e27"]

    /// The request is judged by the shared rules first (`Validator.alb`), its fields named under `field`; a caller
    /// that names them otherwise (the command line) validates with its own `FieldNamer` before planning.
    public static func changes(_ request: ALBRequest, link: LinkKind, field: FieldPath = .root + "alb")
        throws(ConfigErrors) -> (changes: [SettingChange], warnings: [Finding]) {
        let errors = Validator.alb(request, link: link, .siteFile(alb: field))
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        var changes = [SettingChange(.albEnabled, .bool(true)), SettingChange(.smartChargingMode, .choice("None"))]
        var warnings: [Finding] = []
        if let value = request.maxCurrent { changes.append(SettingChange(.meterMaxCurrent, .amperes(value))) }
        if let value = request.includesChargers { changes.append(SettingChange(.includesChargers, .bool(value))) }
        if let value = request.safeCurrent { changes.append(SettingChange(.albSafeCurrent, .amperes(value))) }
        if let value = request.phaseConnected { changes.append(SettingChange(.phaseConnected, .mapping(value))) }
        if let value = request.allowPhaseSwitching {
            changes.append(SettingChange(.allowPhaseSwitching, .bool(value)))
        }
        switch request.source {
        case .p1:
            changes += [SettingChange(.albProtocol, .choice("p1")), SettingChange(.rj11Mode, .choice("p1"))]
        case .tic:
            changes.append(SettingChange(.albProtocol, .choice("tic")))
        case .modbusRTU:
            changes.append(SettingChange(.albProtocol, .choice("modbus-rtu")))
            if link == .ocpp {
                warnings.append(Finding(.warn, "alb.rtu-map-https-only",
                                        "the Modbus RTU meter's register map is an HTTPS-only setting: OCPP cannot set it",
                                        hint: "set the map with --via https, and test the meter with `chargectl meter test --serial`",
                                        path: field + "meter"))
            }
        case .modbusTCP:
            changes += try modbusTCP(request, link: link, field: field)
        case .ems:
            changes.append(SettingChange(.emsEnabled, .bool(true)))
            if let validity = request.emsValidityTime { changes.append(SettingChange(.emsValidityTime, .integer(Int(validity.rounded())))) }
            if let mode = request.emsMode { changes.append(SettingChange(.emsMode, .choice(mode == .scn ? "scn" : "socket"))) }
        }
        // A setting the link cannot carry is a warning, and not part of the link's plan (SPEC §3).
        warnings += LinkCoverage.warnings(changes, link: link, field: field)
        return (changes.filter { LinkCoverage.carries($0.setting, link) }, warnings)
    }

    /// Called after `Validator.alb` accepted the request: a meter with an IPv4 host is there.
    static func modbusTCP(_ request: ALBRequest, link: LinkKind, field: FieldPath) throws(ConfigErrors) -> [SettingChange] {
        guard let meter = request.meter, let address = meter.host.flatMap(IPv4.init) else {
            throw ConfigErrors(Validator.meter(request, link: link, complete: true, .siteFile(alb: field)))
        }
        var changes = [SettingChange(.albProtocol, .choice("modbus-tcp")), SettingChange(.tcpMeterEnabled, .bool(true))]
        changes.append(SettingChange(.tcpMeterModel, .choice(meter.isCustom ? "custom" : "Socomec")))
        changes.append(SettingChange(.tcpMeterConnection, .choice("tcp")))
        changes.append(SettingChange(.tcpMeterAddress, .ipv4(address)))
        // SPEC §3: over HTTPS any port and any preset (its register map); OCPP was held to Socomec on 502 above.
        if link == .https { changes.append(SettingChange(.tcpMeterPort, .integer(meter.port))) }
        if let unit = meter.unit { changes.append(SettingChange(.tcpMeterUnit, .integer(unit))) }
        if link == .https, meter.isCustom {
            guard let map = meter.registerMap else {
                throw ConfigErrors([ConfigError(code: "alb.meter-map-missing", path: field + "meter" + "preset",
                                                message: "the register map of preset \(meter.preset ?? "?") is not known",
                                                hint: "give a preset `chargectl meter presets` lists")])
            }
            changes.append(SettingChange(.tcpMeterRegisterMap, .registerMap(map)))
        }
        return changes
    }
}

/// SPEC §3: "a setting a link cannot carry is a warning in the plan, never a silent skip".
enum LinkCoverage {
    static func carries(_ id: SettingID, _ link: LinkKind) -> Bool {
        let setting = SettingsCatalog.setting(id)
        return switch link {
        case .ocpp: setting.ocppKey != nil
        case .https: setting.https != .unsupported
        }
    }

    static func warnings(_ changes: [SettingChange], link: LinkKind, field: FieldPath) -> [Finding] {
        changes.compactMap { change in
            let setting = SettingsCatalog.setting(change.setting)
            guard !carries(change.setting, link) else { return nil }
            return Finding(.warn, "link.setting-unsupported",
                           "\(setting.label) (\(setting.id.rawValue)) cannot be set over \(link.rawValue.uppercased()); it is not changed",
                           hint: link == .ocpp ? "use --via https to set it" : "use --via ocpp to set it", path: field)
        }
    }
}
