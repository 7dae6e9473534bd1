/// Judges one meter snapshot the way an installer would (SPEC §1 `meter test`; issue 4): voltages of a 230 V grid,
/// a 50 Hz frequency, no "no value" or absurd readings, every phase present; no current flowing is only a warning. A value that is
/// absurd under the preset's word order but plausible under another earns a hint to switch the word order.
public enum MeterPlausibility {
    /// EN 50160: 230 V ± 10 %.
    public static let voltageRange: ClosedRange<Double> = 207...253
    /// EN 50160: 50 Hz ± 1 % on an interconnected grid.
    public static let frequencyRange: ClosedRange<Double> = 49.5...50.5
    /// Below this a phase voltage is taken as "not connected".
    public static let absentVoltage = 50.0

    /// Every finding for `snapshot` read with `preset`, fail findings first in quantity order.
    public static func check(_ preset: MeterPreset, snapshot: [UInt16: UInt16]) -> [MeterFinding] {
        let readings = preset.decode(snapshot)
        var findings: [MeterFinding] = []
        var implausible = false
        for reading in readings.readings {
            guard let value = reading.value else {
                implausible = true
                findings.append(.init(.fail, "meter.value.nan", "\(reading.quantity.label) reads no value (NaN or 0xFFFF)",
                                      hint: "check that the preset matches the meter and that the meter measures this quantity"))
                continue
            }
            if isAbsurd(value, unit: reading.unit) {
                implausible = true
                findings.append(.init(.fail, "meter.value.absurd",
                                      "\(reading.quantity.label) reads \(formatted(value)) \(reading.unit), which no meter measures",
                                      hint: "check the preset's register addresses, data types and scale factors"))
            }
        }
        let voltages = phaseValues(readings, [.voltageL1, .voltageL2, .voltageL3])
        let present = voltages.filter { $0.value >= absentVoltage }
        for (quantity, value) in voltages where value >= absentVoltage && !voltageRange.contains(value) && !isAbsurd(value, unit: "V") {
            implausible = true
            findings.append(.init(.fail, "meter.voltage.range", "\(quantity.label) is \(formatted(value)) V, outside 207–253 V",
                                  hint: "check the wiring and the preset's voltage scale; a 230 V grid reads 207–253 V"))
        }
        if !present.isEmpty {
            for (quantity, value) in voltages where value < absentVoltage && value >= 0 {
                let phase = String(quantity.rawValue.suffix(2))
                findings.append(.init(.fail, "meter.phase.missing",
                                      "phase \(phase) reads \(formatted(value)) V while \(present[0].quantity.label) reads \(formatted(present[0].value)) V",
                                      hint: "phase \(phase) is not connected to the meter's voltage input: check its wiring and fuse"))
            }
        }
        if let frequency = readings[.frequency], !frequencyRange.contains(frequency), !isAbsurd(frequency, unit: "Hz") {
            implausible = true
            findings.append(.init(.fail, "meter.frequency.range", "frequency is \(formatted(frequency)) Hz, outside 49.5–50.5 Hz",
                                  hint: "check the preset's frequency register and scale (Hz, Hz/100 or Hz/1000)"))
        }
        let currents = phaseValues(readings, [.currentL1, .currentL2, .currentL3])
        if !currents.isEmpty, currents.count == mappedCount(preset, [.currentL1, .currentL2, .currentL3]),
            currents.allSatisfy({ $0.value == 0 })
        {
            // A warning, not a failure (issue 14): at night nothing may draw current, and a script must still pass.
            findings.append(.init(.warn, "meter.current.zero", "every phase current reads 0 A",
                                  hint: "switch on a load behind the meter and test again; if one runs, check the current transformers"))
        }
        if implausible, let order = plausibleWordOrder(preset, snapshot: snapshot) {
            findings = findings.map { finding in
                var finding = finding
                finding.hint = "the values are plausible with word order \(order.rawValue): try --word-order \(order.rawValue)"
                return finding
            }
        }
        return findings
    }

    static func phaseValues(_ readings: MeterReadings, _ quantities: [MeterQuantity]) -> [(quantity: MeterQuantity, value: Double)] {
        quantities.compactMap { quantity in readings[quantity].map { (quantity: quantity, value: $0) } }
    }

    static func mappedCount(_ preset: MeterPreset, _ quantities: [MeterQuantity]) -> Int {
        quantities.filter { preset.quantities[$0] != nil }.count
    }
}
