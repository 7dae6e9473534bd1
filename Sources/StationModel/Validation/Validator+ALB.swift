import AllocationCore

extension Validator {
    /// The ALB rules of SPEC §3 over one request, whoever asked: the currents, the meter a Modbus source reads
    /// (IPv4 host, unit id by bus, port), what OCPP can select (Socomec on port 502), the EMS validity time.
    /// `link` nil judges without a link (preview). `complete`: the request describes the whole ALB set-up (a site
    /// file), so a Modbus RTU source needs its meter too; the command line changes only what it names.
    public static func alb(_ request: ALBRequest, link: LinkKind?, complete: Bool = false, _ namer: FieldNamer) -> [ConfigError] {
        var errors: [ConfigError] = []
        let maxErrors = request.maxCurrent.map { current($0, .meterMax, .alb(.maxCurrent), namer) } ?? []
        let safeErrors = request.safeCurrent.map { current($0, .safe, .alb(.safeCurrent), namer) } ?? []
        errors += maxErrors + safeErrors
        if let max = request.maxCurrent, let safe = request.safeCurrent, maxErrors.isEmpty, safeErrors.isEmpty, safe > max {
            errors.append(ConfigError(code: "alb.safe-above-max", path: namer(.safeCurrent),
                                      message: "the safe current \(Quantity.amps(safe)) is above the meter's maximum \(Quantity.amps(max))",
                                      hint: "the safe current protects that maximum: lower \(namer(.safeCurrent)) to \(Quantity.amps(max)) or less"))
        }
        switch request.source {
        case .modbusTCP, .modbusRTU:
            errors += meter(request, link: link, complete: complete, namer)
        case .ems:
            if let validity = request.emsValidityTime, !(validity >= 1 && validity <= 86400) {
                errors.append(ConfigError(code: "alb.ems-validity", path: namer(.emsValidityTime),
                                          message: "the EMS validity time must be 1 s to 24 h (86400 s), found \(Quantity.decimal(validity, places: 3)) s",
                                          hint: "the default is 60 s; the EMS must write set points more often than this"))
            }
        case .p1, .tic:
            break
        }
        return errors
    }

    static func meter(_ request: ALBRequest, link: LinkKind?, complete: Bool, _ namer: FieldNamer) -> [ConfigError] {
        let source = request.source
        let tcp = source == .modbusTCP
        guard let meter = request.meter, meter.host != nil || !tcp else {
            guard tcp || complete else { return [] }
            return [ConfigError(code: "alb.meter-required", path: namer(tcp && request.meter != nil ? .meterHost : .meter),
                                message: "source \(source.rawValue) needs a meter",
                                hint: tcp ? "give the meter's IPv4 address and Modbus unit id, for example host 192.168.0.4, unit 5"
                                          : "give the meter's Modbus unit id (its address on the RS-485 bus) and preset")]
        }
        var errors: [ConfigError] = []
        if tcp, let host = meter.host {
            errors += meterHost(host, namer)
            if link == .ocpp, let preset = meter.preset, !ALBPlanner.ocppMeterPresets.contains(preset) {
                errors.append(ConfigError(code: "alb.ocpp-meter-preset", path: namer(.meterPreset),
                                          message: "over OCPP the station can only be told to read a Socomec meter, not \(preset)",
                                          hint: "use --via https for a custom register map, or a Socomec Countis E27 (socomec-countis-e27)"))
            }
            if link == .ocpp, meter.port != 502, (1...65535).contains(meter.port) {
                errors.append(ConfigError(code: "alb.ocpp-meter-port", path: namer(.meterPort),
                                          message: "over OCPP the station reads its Modbus TCP meter on port 502, not \(meter.port)",
                                          hint: "use --via https for a custom register map or another port, or set the meter to port 502"))
            }
        }
        if let unit = meter.unit {
            let units = meterUnits(source)
            if !units.contains(unit) {
                errors.append(ConfigError(code: "alb.meter-unit", path: namer(.meterUnit),
                                          message: "unit id \(unit) is outside \(units.lowerBound) to \(units.upperBound) for \(source.rawValue)",
                                          hint: "the meter's Modbus address is on its display or in its set-up menu"))
            }
        }
        if !(1...65535).contains(meter.port) {
            errors.append(ConfigError(code: "alb.meter-port", path: namer(.meterPort), message: "port \(meter.port) is not a TCP port",
                                      hint: "Modbus TCP uses 502"))
        }
        return errors
    }

    /// SPEC §3: unit id 0..255 for Modbus TCP, 1..247 on an RTU bus (0 is broadcast there, 248..255 reserved).
    public static func meterUnits(_ source: ALBSource) -> ClosedRange<Int> { source == .modbusRTU ? 1...247 : 0...255 }

    /// SPEC §3: the station reaches its Modbus TCP meter over IPv4 only; IPv6 gets its own message.
    public static func meterHost(_ host: String, _ namer: FieldNamer) -> [ConfigError] {
        if host.contains(":") {
            return [ConfigError(code: "alb.meter-ipv6", path: namer(.meterHost),
                                message: "the station reaches Modbus TCP meters over IPv4 only, found \(host)",
                                hint: "give the meter a fixed IPv4 address in the station's subnet")]
        }
        guard IPv4(host) == nil else { return [] }
        return [ConfigError(code: "alb.meter-host", path: namer(.meterHost), message: "\"\(host)\" is not an IPv4 address",
                            hint: "write four numbers 0-255, like 192.168.0.4")]
    }

    /// Whether a source takes a field at all (SPEC §3: an option that does not apply is exit 2, not ignored): the
    /// meter's host and port are Modbus TCP's; unit and preset also Modbus RTU's, whose register map (the preset)
    /// only the HTTPS link can set; the EMS options are the EMS source's. The wizard asks only what applies.
    public static func albField(_ field: ALBField, appliesTo source: ALBSource, link: LinkKind) -> Bool {
        switch field {
        case .meter, .meterHost, .meterPort: source == .modbusTCP
        case .meterUnit: source == .modbusTCP || source == .modbusRTU
        case .meterPreset: source == .modbusTCP || (source == .modbusRTU && link == .https)
        case .emsMode, .emsValidityTime: source == .ems
        case .source, .maxCurrent, .safeCurrent, .phaseConnected, .allowPhaseSwitching: true
        }
    }

    /// Every given field the source does not take, each named as its caller calls it, with what to do instead.
    public static func albFieldsApply(_ given: [ALBField], source: ALBSource, link: LinkKind, _ namer: FieldNamer) -> [ConfigError] {
        given.filter { !albField($0, appliesTo: source, link: link) }.map { field in
            let sourceName = "\(namer(.source)) \(source.rawValue)"
            if field == .meterPreset, source == .modbusRTU {
                return ConfigError(code: "alb.rtu-preset-ocpp", path: namer(field),
                                   message: "the Modbus RTU meter's register map (its preset) is an HTTPS-only setting: OCPP cannot set it",
                                   hint: "use --via https to set the register map, or leave \(namer(field)) out")
            }
            let hint = switch field {
            case .meterHost, .meterPort: "the meter's host and port are for modbus-tcp: leave \(namer(field)) out"
            case .meterUnit, .meterPreset: "the meter options are for modbus-tcp and modbus-rtu: leave \(namer(field)) out"
            default: "the EMS options are for the ems source: leave \(namer(field)) out"
            }
            return ConfigError(code: "alb.option-not-applicable", path: namer(field),
                               message: "does not apply to \(sourceName)", hint: hint)
        }
    }
}
