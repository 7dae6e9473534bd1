extension MeterPlausibility {
    /// Whether no real meter could report `value` in `unit`: far outside any installation this tool commissions.
    /// Such values are what a wrong word order or data type produces (e.g. 1.2e+38 A).
    public static func isAbsurd(_ value: Double, unit: String) -> Bool {
        guard value.isFinite else { return true }
        switch unit {
        case "V": return !(0...1_000).contains(value)
        case "Hz": return !(0...1_000).contains(value)
        case "A": return abs(value) > 10_000
        case "W", "VA", "var": return abs(value) > 10_000_000
        case "kWh", "kvarh": return !(0...1_000_000_000).contains(value)
        default: return false
        }
    }

    /// Another word order under which every mapped value decodes, none is absurd, and the voltages and frequency
    /// are in range; nil when none or the preset's own order already is. The first such order in ABCD, CDAB,
    /// BADC, DCBA order wins.
    public static func plausibleWordOrder(_ preset: MeterPreset, snapshot: [UInt16: UInt16]) -> WordOrder? {
        WordOrder.allCases.first { order in
            guard order != preset.wordOrder else { return false }
            var alternative = preset
            alternative.wordOrder = order
            return isPlausible(alternative.decode(snapshot))
        }
    }

    static func isPlausible(_ readings: MeterReadings) -> Bool {
        guard readings.missing.isEmpty else { return false }
        for reading in readings.readings {
            guard let value = reading.value, !isAbsurd(value, unit: reading.unit) else { return false }
            switch reading.quantity {
            case .voltageL1, .voltageL2, .voltageL3:
                if abs(value) >= 1 && !voltageRange.contains(value) { return false }
            case .frequency:
                if !frequencyRange.contains(value) { return false }
            default: break
            }
        }
        return true
    }
}
