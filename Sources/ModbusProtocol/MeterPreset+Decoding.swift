/// One decoded quantity: the scaled value in its unit, nil when the meter reports "no value".
public struct MeterReading: Hashable, Sendable {
    public var quantity: MeterQuantity
    public var value: Double?
    public var unit: String

    public init(quantity: MeterQuantity, value: Double?, unit: String) {
        self.quantity = quantity
        self.value = value
        self.unit = unit
    }
}

/// The readings of one snapshot, plus the quantities whose registers the snapshot lacked.
public struct MeterReadings: Hashable, Sendable {
    /// In declaration order of `MeterQuantity`.
    public var readings: [MeterReading]
    public var missing: [MeterQuantity]

    public init(readings: [MeterReading], missing: [MeterQuantity]) {
        self.readings = readings
        self.missing = missing
    }

    /// The value of one quantity, nil when unmapped, missing or "no value".
    public subscript(quantity: MeterQuantity) -> Double? {
        readings.first { $0.quantity == quantity }?.value
    }
}

extension MeterPreset {
    /// Decodes the quantities from registers gathered by the read plan (`RegisterRead.store`).
    public func decode(_ snapshot: [UInt16: UInt16]) -> MeterReadings {
        var result = MeterReadings(readings: [], missing: [])
        for (quantity, register) in sortedQuantities {
            let words = register.addressRange.compactMap { $0 <= 0xFFFF ? snapshot[UInt16($0)] : nil }
            let raw: Double?
            do {
                raw = try register.type.decode(words, order: wordOrder)
            } catch {
                // Fewer words than the type needs: some register of the run is not in the snapshot.
                result.missing.append(quantity)
                continue
            }
            let value = raw.map { $0 * register.scale }
            result.readings.append(MeterReading(quantity: quantity, value: value, unit: register.unit))
        }
        return result
    }

    /// The registers a simulated meter holds for `values` (in the preset's units; nil = "no value"), so a
    /// `RegisterBank` can serve what `decode` reads back.
    public func encode(_ values: [MeterQuantity: Double?]) throws(RegisterEncodingError) -> [UInt16: UInt16] {
        var registers: [UInt16: UInt16] = [:]
        for (quantity, value) in values {
            guard let register = quantities[quantity], register.addressRange.upperBound <= 0x10000 else { continue }
            let words = try register.type.encode(value.map { $0 / register.scale }, order: wordOrder)
            for (offset, word) in words.enumerated() { registers[UInt16(Int(register.address) + offset)] = word }
        }
        return registers
    }
}
