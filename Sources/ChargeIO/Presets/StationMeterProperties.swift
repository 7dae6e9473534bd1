import ModbusProtocol

/// The ALB station's own view of its smart meter (reference/alfen-station.md §4.3 "Meter test"): read-only REAL32
/// properties `5221_x` in category `meter4`, laid out like the socket meters' `2221_x` subs. The vendor installer's
/// "Test Smart Meter" dialog reads the category, then the currents, powers and voltages by id. Device knowledge as
/// data: the simulated station serves this table and `meter test --station` reads it. Pure.
public enum StationMeterProperties {
    public static let category = "meter4"

    /// What one property measures.
    public enum Measure: Hashable, Sendable {
        case quantity(MeterQuantity)
        /// Between phase `phase` and the next (L1–L2, L2–L3, L3–L1), 0-based.
        case lineVoltage(phase: Int)
        case neutralCurrent
        /// cos φ of one phase (0-based), or of the whole meter (nil).
        case powerFactor(phase: Int?)
    }

    public struct Property: Hashable, Sendable {
        public var id: String
        public var measure: Measure
        public var unit: String
        /// Named in the reference's meter-test row (read by id after the category). The others follow the socket
        /// meters' sub layout (3–5 V L‑N, 6–8 V L‑L, 9 I N, A–C I, E–11 cos φ, 12 Hz, 13–16 P) and are inferred.
        public var tested: Bool
    }

    public static let all: [Property] = {
        var rows: [Property] = []
        func add(_ sub: String, _ measure: Measure, _ unit: String, tested: Bool = false) {
            rows.append(Property(id: "5221_" + sub, measure: measure, unit: unit, tested: tested))
        }
        for (sub, quantity) in zip(["3", "4", "5"], [MeterQuantity.voltageL1, .voltageL2, .voltageL3]) { add(sub, .quantity(quantity), "V", tested: true) }
        for (phase, sub) in ["6", "7", "8"].enumerated() { add(sub, .lineVoltage(phase: phase), "V") }
        add("9", .neutralCurrent, "A")
        for (sub, quantity) in zip(["A", "B", "C"], [MeterQuantity.currentL1, .currentL2, .currentL3]) { add(sub, .quantity(quantity), "A", tested: true) }
        for (phase, sub) in ["E", "F", "10"].enumerated() { add(sub, .powerFactor(phase: phase), "") }
        add("11", .powerFactor(phase: nil), "")
        add("12", .quantity(.frequency), "Hz")
        for (sub, quantity) in zip(["13", "14", "15"], [MeterQuantity.activePowerL1, .activePowerL2, .activePowerL3]) {
            add(sub, .quantity(quantity), "W", tested: true)
        }
        add("16", .quantity(.totalActivePower), "W")
        return rows
    }()

    /// What the installer's dialog reads by id, in its order: currents, powers, voltages.
    public static let testedIDs: [String] = {
        let tested = all.filter(\.tested)
        let order: [MeterQuantity] = [.currentL1, .currentL2, .currentL3, .activePowerL1, .activePowerL2, .activePowerL3,
                                      .voltageL1, .voltageL2, .voltageL3]
        return order.compactMap { quantity in tested.first { $0.measure == .quantity(quantity) }?.id }
    }()

    /// The readings in `values` (property id → the listing's text, `230.1`). A tested property the station did not
    /// list is `missing`; an untested one it did not list is not mapped at all; a value that is no number reads as
    /// "no value".
    public static func readings(_ values: [String: String]) -> MeterReadings {
        let byID = Dictionary(values.map { ($0.key.uppercased(), $0.value) }) { first, _ in first }
        var readings: [MeterReading] = []
        var missing: [MeterQuantity] = []
        for property in all {
            guard case .quantity(let quantity) = property.measure else { continue }
            if let text = byID[property.id.uppercased()] {
                readings.append(MeterReading(quantity: quantity, value: Double(text).flatMap { $0.isNaN ? nil : $0 }, unit: property.unit))
            } else if property.tested {
                missing.append(quantity)
            }
        }
        return MeterReadings(readings: readings.sorted { $0.quantity < $1.quantity }, missing: missing.sorted())
    }
}
