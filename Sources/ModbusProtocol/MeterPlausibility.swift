/// Judges one meter's readings the way an installer would (SPEC §1 `meter test`; issue 4): voltages of a 230 V grid,
/// a 50 Hz frequency, no "no value" or absurd readings, every phase present; no current flowing is only a warning.
/// The same rules judge a meter read over Modbus and the station's own view of its meter over HTTPS (issue 15); a
/// Modbus value that is absurd under the preset's word order but plausible under another earns a hint to switch it.
public enum MeterPlausibility {
    /// EN 50160: 230 V ± 10 %.
    public static let voltageRange: ClosedRange<Double> = 207...253
    /// EN 50160: 50 Hz ± 1 % on an interconnected grid.
    public static let frequencyRange: ClosedRange<Double> = 49.5...50.5
    /// Below this a phase voltage is taken as "not connected".
    public static let absentVoltage = 50.0

    /// Every finding for `snapshot` read with `preset`, fail findings first in quantity order.
    public static func check(_ preset: MeterPreset, snapshot: [UInt16: UInt16]) -> [MeterFinding] {
        var findings = check(preset.decode(snapshot))
        if findings.contains(where: { valueCodes.contains($0.code) }), let order = plausibleWordOrder(preset, snapshot: snapshot) {
            findings = findings.map { finding in
                var finding = finding
                finding.hint = "the values are plausible with word order \(order.rawValue): try --word-order \(order.rawValue)"
                return finding
            }
        }
        return findings
    }

    /// The findings a wrong word order produces (a missing phase or no load is not one).
    static let valueCodes: Set<String> = ["meter.value.nan", "meter.value.absurd", "meter.voltage.range", "meter.frequency.range"]

    /// Every finding for `readings`, whatever read them. A quantity counts as mapped when it has a reading or is
    /// `missing`, so "every phase current reads 0 A" needs all the mapped currents.
    public static func check(_ readings: MeterReadings) -> [MeterFinding] {
        var findings: [MeterFinding] = []
        for reading in readings.readings {
            guard let value = reading.value else {
                findings.append(.init(.fail, "meter.value.nan", "\(reading.quantity.label) reads no value (NaN or 0xFFFF)",
                                      hint: "check that the preset matches the meter and that the meter measures this quantity"))
                continue
            }
            if isAbsurd(value, unit: reading.unit) {
                findings.append(.init(.fail, "meter.value.absurd",
                                      "\(reading.quantity.label) reads \(formatted(value)) \(reading.unit), which no meter measures",
                                      hint: "check the preset's register addresses, data types and scale factors"))
            }
        }
        for quantity in readings.missing {
            findings.append(.init(.fail, "meter.value.missing", "\(quantity.label) is not in the meter's answer",
                                  hint: "check that the meter measures this quantity"))
        }
        let voltages = phaseValues(readings, [.voltageL1, .voltageL2, .voltageL3])
        let present = voltages.filter { $0.value >= absentVoltage }
        let noVoltage = !voltages.isEmpty && present.isEmpty && voltages.allSatisfy { $0.value >= 0 }
        if noVoltage {
            // Zero volts on every phase: the values are not a live meter's (an unpowered voltage input, or a
            // station that reads no meter at all).
            findings.append(.init(.fail, "meter.voltage.none", "every phase voltage reads below \(formatted(absentVoltage)) V",
                                  hint: "the meter measures no voltage: check its voltage inputs and that it is the meter you meant"))
        }
        for (quantity, value) in voltages where value >= absentVoltage && !voltageRange.contains(value) && !isAbsurd(value, unit: "V") {
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
        // Without a voltage there is no frequency to measure: 0 Hz then is that, not a second fault.
        if let frequency = readings[.frequency], !(noVoltage && frequency == 0), !frequencyRange.contains(frequency),
            !isAbsurd(frequency, unit: "Hz")
        {
            findings.append(.init(.fail, "meter.frequency.range", "frequency is \(formatted(frequency)) Hz, outside 49.5–50.5 Hz",
                                  hint: "check the preset's frequency register and scale (Hz, Hz/100 or Hz/1000)"))
        }
        let currents = phaseValues(readings, [.currentL1, .currentL2, .currentL3])
        if !currents.isEmpty, currents.count == mappedCount(readings, [.currentL1, .currentL2, .currentL3]),
            currents.allSatisfy({ $0.value == 0 })
        {
            // A warning, not a failure (issue 14): at night nothing may draw current, and a script must still pass.
            findings.append(.init(.warn, "meter.current.zero", "every phase current reads 0 A",
                                  hint: "switch on a load behind the meter and test again; if one runs, check the current transformers"))
        }
        return findings
    }

    /// The verdict line of a test: "every reading is plausible" when no finding warns or fails.
    public static func withVerdict(_ findings: [MeterFinding]) -> [MeterFinding] {
        guard !findings.contains(where: { $0.severity != .pass }) else { return findings }
        return findings + [.init(.pass, "meter.plausible", "every reading is plausible", hint: "")]
    }

    static func phaseValues(_ readings: MeterReadings, _ quantities: [MeterQuantity]) -> [(quantity: MeterQuantity, value: Double)] {
        quantities.compactMap { quantity in readings[quantity].map { (quantity: quantity, value: $0) } }
    }

    static func mappedCount(_ readings: MeterReadings, _ quantities: [MeterQuantity]) -> Int {
        quantities.filter { quantity in readings.readings.contains { $0.quantity == quantity } || readings.missing.contains(quantity) }.count
    }
}
