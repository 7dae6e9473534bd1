/// A problem in a preset, reported by `MeterPreset.validate()` before any byte is sent (SPEC §3 "Validation").
public enum MeterPresetIssue: Hashable, Sendable, CustomStringConvertible {
    case emptyModel
    case noTransports
    case noQuantities
    /// Two quantities share a register, given each type's register count.
    case overlap(MeterQuantity, MeterQuantity)
    /// The value's registers run past 0xFFFF.
    case beyondAddressSpace(MeterQuantity, address: UInt16, type: RegisterType)
    /// Zero, NaN or infinite: the reading would be meaningless and the simulator could not encode it.
    case invalidScale(MeterQuantity, Double)
    case emptyUnit(MeterQuantity)
    /// Modbus over serial line 1.02 §2.2: a serial device has an address in 1...247 (0 is broadcast).
    case rtuUnitID(UInt8)
    case missingSerialSettings
    case missingPort

    public var description: String {
        switch self {
        case .emptyModel: "the preset has no model name"
        case .noTransports: "the preset names no transport (tcp or rtu)"
        case .noQuantities: "the preset maps no quantity"
        case .overlap(let first, let second): "\(first.rawValue) and \(second.rawValue) share registers"
        case .beyondAddressSpace(let quantity, let address, let type):
            "\(quantity.rawValue) at \(address) as \(type.rawValue) runs past register 65535"
        case .invalidScale(let quantity, let scale): "\(quantity.rawValue) has an unusable scale factor \(scale)"
        case .emptyUnit(let quantity): "\(quantity.rawValue) has no unit"
        case .rtuUnitID(let unitID): "unit id \(unitID) is not a serial address (1...247)"
        case .missingSerialSettings: "the preset offers rtu but has no serial settings"
        case .missingPort: "the preset offers tcp but has no port"
        }
    }
}

extension MeterPreset {
    /// Every issue, in a stable order (header facts first, then quantities in declaration order).
    public func validate() -> [MeterPresetIssue] {
        var issues: [MeterPresetIssue] = []
        if model.isEmpty { issues.append(.emptyModel) }
        if transports.isEmpty { issues.append(.noTransports) }
        if transports.contains(.tcp), defaultPort == nil { issues.append(.missingPort) }
        if transports.contains(.rtu) {
            if serial == nil { issues.append(.missingSerialSettings) }
            if !(1...247).contains(defaultUnitID) { issues.append(.rtuUnitID(defaultUnitID)) }
        }
        if quantities.isEmpty { issues.append(.noQuantities) }
        let sorted = sortedQuantities
        for (index, (quantity, register)) in sorted.enumerated() {
            if register.addressRange.upperBound > 0x10000 {
                issues.append(.beyondAddressSpace(quantity, address: register.address, type: register.type))
            }
            if !register.scale.isFinite || register.scale == 0 { issues.append(.invalidScale(quantity, register.scale)) }
            if register.unit.isEmpty { issues.append(.emptyUnit(quantity)) }
            for (other, otherRegister) in sorted[(index + 1)...] where register.addressRange.overlaps(otherRegister.addressRange) {
                issues.append(.overlap(quantity, other))
            }
        }
        return issues
    }
}
