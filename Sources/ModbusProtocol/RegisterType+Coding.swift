extension RegisterType {
    /// Decodes one value from its registers as they arrived on the wire. Returns nil for "no value": a run of
    /// all 0xFFFF (how the Alfen station and many meters mark unavailable registers, alfen-station.md §1.1) or a
    /// floating-point NaN. The all-0xFFFF rule applies to every type, so an int16 of -1 or a uint16 of 65535
    /// also reads as "no value": the convention the devices use wins over the rare legitimate reading.
    public func decode<Registers: Collection>(_ registers: Registers, order: WordOrder) throws(RegisterEncodingError)
        -> Double?
    where Registers.Element == UInt16 {
        guard registers.count == registerCount else {
            throw .registerCount(type: self, expected: registerCount, received: registers.count)
        }
        if registers.allSatisfy({ $0 == 0xFFFF }) { return nil }
        let bits = order.arrange(Array(registers)).reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let value: Double
        switch self {
        case .int16: value = Double(Int16(truncatingIfNeeded: bits))
        case .uint16: value = Double(UInt16(truncatingIfNeeded: bits))
        case .int32: value = Double(Int32(truncatingIfNeeded: bits))
        case .uint32: value = Double(UInt32(truncatingIfNeeded: bits))
        case .int64: value = Double(Int64(bitPattern: bits))
        case .uint64: value = Double(bits)
        case .float32: value = Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .float64: value = Double(bitPattern: bits)
        }
        return value.isNaN ? nil : value
    }

    /// Encodes one value as wire registers, for the simulator and for writes. Integer types round to the nearest
    /// integer; nil (and NaN for float types) encode as the all-0xFFFF "no value" run.
    public func encode(_ value: Double?, order: WordOrder) throws(RegisterEncodingError) -> [UInt16] {
        guard let value, !(isFloatingPoint && value.isNaN) else {
            return Array(repeating: 0xFFFF, count: registerCount)
        }
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        let bits: UInt64?
        switch self {
        case .int16: bits = Int16(exactly: rounded).map { UInt64(UInt16(bitPattern: $0)) }
        case .uint16: bits = UInt16(exactly: rounded).map { UInt64($0) }
        case .int32: bits = Int32(exactly: rounded).map { UInt64(UInt32(bitPattern: $0)) }
        case .uint32: bits = UInt32(exactly: rounded).map { UInt64($0) }
        case .int64: bits = Int64(exactly: rounded).map { UInt64(bitPattern: $0) }
        case .uint64: bits = UInt64(exactly: rounded)
        case .float32:
            let single = Float(value)
            bits = single.isInfinite && value.isFinite ? nil : UInt64(single.bitPattern)
        case .float64: bits = value.bitPattern
        }
        guard let bits else { throw .outOfRange(type: self, value: value) }
        let words = (0..<registerCount).reversed().map { UInt16(truncatingIfNeeded: bits >> (16 * UInt64($0))) }
        return order.arrange(words)
    }
}
