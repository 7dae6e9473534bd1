import AllocationCore
import StationModel

/// Turns `alb configure`'s flags into an `ALBRequest`, refusing bad values with the flag's name (exit 2).
struct ALBRequestBuilder {
    let command: ALBConfigure

    func request() throws -> ALBRequest {
        let c = command
        var request = ALBRequest(source: c.source.source, maxCurrent: c.maxCurrent, safeCurrent: c.safeCurrent,
                                 includesChargers: c.includesChargers, allowPhaseSwitching: c.allowPhaseSwitching)
        for (value, flag) in [(c.maxCurrent, "--max-current"), (c.safeCurrent, "--safe-current")] where (value ?? 1) <= 0 {
            throw fail("current.not-positive", "\(flag) must be more than 0 A", "give amperes")
        }
        if let max = c.maxCurrent, let safe = c.safeCurrent, safe > max {
            throw fail("alb.safe-above-max", "--safe-current \(Quantity.amps(safe)) is above --max-current \(Quantity.amps(max))",
                       "the safe current protects that maximum: lower it")
        }
        if let text = c.phaseConnected {
            guard let mapping = PhaseMapping(name: text) else {
                throw fail("file.value", "--phase-connected \(text) is not a phase rotation",
                           "use one of \(PhaseMapping.all.map(\.name).joined(separator: ", "))")
            }
            request.phaseConnected = mapping
        }
        if let host = c.meterHost {
            request.meter = .init(host: host, port: c.meterPort, unit: c.meterUnit, preset: c.meterPreset)
        }
        if let unit = c.meterUnit {
            let allowed = c.source == .modbusRTU ? 1...247 : 0...255
            guard allowed.contains(unit) else {
                throw fail("alb.meter-unit", "--meter-unit \(unit) is outside \(allowed.lowerBound) to \(allowed.upperBound)",
                           "the meter's Modbus address is on its display or in its set-up menu")
            }
        }
        if let mode = c.emsMode {
            guard let parsed = EMSMode(rawValue: mode.lowercased()) else { throw fail("file.value", "--ems-mode \(mode): expected socket or scn", "") }
            request.emsMode = parsed
        }
        if let validity = c.emsValidityTime {
            guard (1...86400).contains(validity) else { throw fail("alb.ems-validity", "--ems-validity-time must be 1 to 86400 s", "the default is 60 s") }
            request.emsValidityTime = validity
        }
        return request
    }

    func fail(_ code: String, _ message: String, _ hint: String) -> CommandFailure {
        CommandFailure(status: .invalidInput, code: code, message: message, hint: hint)
    }
}
