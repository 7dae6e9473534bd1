import AllocationCore
import StationModel

/// Turns `alb configure`'s flags into an `ALBRequest` and the station's limits. The rules are the shared ones
/// (`Validator`, as for a site file and the wizard), each field named as the flag the user typed (exit 2).
struct ALBRequestBuilder {
    let command: ALBConfigure
    let link: LinkKind

    /// The ALB flags, in the order a person reads them; `given` lists the ones on this command line.
    var given: [ALBField] {
        let c = command
        let present: [(ALBField, Bool)] = [
            (.meterHost, c.meterHost != nil), (.meterPort, c.meterPort != nil), (.meterUnit, c.meterUnit != nil),
            (.meterPreset, c.meterPreset != nil), (.emsMode, c.emsMode != nil), (.emsValidityTime, c.emsValidityTime != nil),
        ]
        return present.filter(\.1).map(\.0)
    }

    /// The request and the station's limits; every problem of both at once (exit 2), so a person fixes them in one go.
    func build() throws(ConfigErrors) -> (ALBRequest, [SettingChange]) {
        let (request, requestErrors) = self.request()
        let (limits, limitErrors) = self.limits()
        guard requestErrors.isEmpty, limitErrors.isEmpty else { throw ConfigErrors(requestErrors + limitErrors) }
        return (request, limits)
    }

    func request() -> (ALBRequest, [ConfigError]) {
        let c = command
        let source = c.source.source
        var errors = Validator.albFieldsApply(given, source: source, link: link, .flags)
        var request = ALBRequest(source: source, maxCurrent: c.maxCurrent, safeCurrent: c.safeCurrent,
                                 includesChargers: c.includesChargers, allowPhaseSwitching: c.allowPhaseSwitching)
        if let text = c.phaseConnected {
            switch Validator.phaseMapping(text, at: FieldNamer.flags(.phaseConnected)) {
            case let .success(mapping): request.phaseConnected = mapping
            case let .failure(error): errors.append(error)
            }
        }
        if c.meterHost != nil || c.meterUnit != nil || c.meterPreset != nil {
            request.meter = .init(host: c.meterHost, port: c.meterPort ?? 502, unit: c.meterUnit, preset: c.meterPreset)
        }
        if let mode = c.emsMode {
            if let parsed = EMSMode(rawValue: mode.lowercased()) {
                request.emsMode = parsed
            } else {
                errors.append(ConfigError(code: "alb.ems-mode", path: FieldNamer.flags(.emsMode), message: "expected socket or scn, found \(mode)",
                                          hint: "socket: the EMS writes a set point per socket; scn: one for the whole SCN"))
            }
        }
        request.emsValidityTime = c.emsValidityTime
        errors += Validator.alb(request, link: link, .flags)
        return (request, errors)
    }

    /// `--station-max-current` and `--connector-max-current N=A`: each within its range, and a socket not above the
    /// station when both are given (SPEC §3).
    func limits() -> ([SettingChange], [ConfigError]) {
        let c = command
        var errors: [ConfigError] = []
        var changes: [SettingChange] = []
        var stationOK = false
        if let value = c.stationMaxCurrent {
            let problems = Validator.current(value, .stationMax, .stationMaxCurrent(station: 0), .flags)
            errors += problems
            stationOK = problems.isEmpty
            changes.append(SettingChange(.stationMaxCurrent, .amperes(value)))
        }
        for entry in c.connectorMaxCurrent {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let connector = Int(parts[0]), (1...2).contains(connector), let amps = Double(parts[1]) else {
                errors.append(ConfigError(code: "alb.connector-max-current", path: FieldNamer.flag("--connector-max-current"),
                                          message: "\(entry): expected N=A with N 1 or 2", hint: "for example --connector-max-current 1=16"))
                continue
            }
            let field = InputField.socketMaxCurrent(station: 0, socket: connector - 1)
            let problems = Validator.current(amps, .socketMax, field, .flags)
            errors += problems
            if problems.isEmpty, stationOK, let station = c.stationMaxCurrent {
                errors += Validator.socketWithinStation(socket: amps, station: station, field, .stationMaxCurrent(station: 0), .flags)
            }
            changes.append(SettingChange(.connectorMaxCurrent(connector), .amperes(amps)))
        }
        return (changes, errors)
    }
}

extension FieldNamer {
    /// The command line names a field by its flag (`--meter-unit`), as the user typed it.
    static let flags = FieldNamer { field in
        let flag: String = switch field {
        case .installationMaxCurrent: "--total-current"
        case .stationMaxCurrent: "--station-max-current"
        case .socketMaxCurrent: "--connector-max-current"
        case .probingCurrent: "--probing-current"
        case .scnSocketSafeCurrent: "--socket-safe-current"
        case .scnTotalSafeCurrent: "--total-safe-current"
        case .scnAlternatingPeriod: "--alternating-period"
        case let .alb(field):
            switch field {
            case .source: "--source"
            case .maxCurrent: "--max-current"
            case .safeCurrent: "--safe-current"
            case .phaseConnected: "--phase-connected"
            case .allowPhaseSwitching: "--allow-phase-switching"
            case .meter, .meterHost: "--meter-host"
            case .meterPort: "--meter-port"
            case .meterUnit: "--meter-unit"
            case .meterPreset: "--meter-preset"
            case .emsMode: "--ems-mode"
            case .emsValidityTime: "--ems-validity-time"
            }
        }
        return FieldNamer.flag(flag)
    }
}
