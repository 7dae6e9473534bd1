/// A quantity a meter preset can map (SPEC §2): current, voltage and active power per phase, total active power,
/// frequency, import energy, and optionally apparent and reactive power. The raw value is the preset-file key.
public enum MeterQuantity: String, Hashable, Sendable, CaseIterable, Comparable {
    case currentL1, currentL2, currentL3
    case voltageL1, voltageL2, voltageL3
    case activePowerL1, activePowerL2, activePowerL3
    case totalActivePower
    case frequency
    case importEnergy
    case apparentPowerL1, apparentPowerL2, apparentPowerL3, totalApparentPower
    case reactivePowerL1, reactivePowerL2, reactivePowerL3, totalReactivePower

    /// Apparent and reactive power are optional in every preset (SPEC §2); Alfen's load balancing needs the rest.
    public var isOptional: Bool {
        switch self {
        case .apparentPowerL1, .apparentPowerL2, .apparentPowerL3, .totalApparentPower,
            .reactivePowerL1, .reactivePowerL2, .reactivePowerL3, .totalReactivePower:
            true
        default: false
        }
    }

    /// Declaration order, so reports list L1 before L2 and currents before voltages.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// Where and how one quantity is stored: PDU address (0-based, the value on the wire; meter-registers.md §0),
/// data type, and the factor that turns the raw number into `unit`.
public struct QuantityRegister: Hashable, Sendable {
    public var address: UInt16
    public var type: RegisterType
    /// Multiplies the decoded number: 0.001 for Socomec's mA, 100 for Alfen's CT presets (meter-registers.md §3.7).
    public var scale: Double
    /// The SI unit after scaling ("A", "V", "W", "Hz", "kWh", "VA", "var").
    public var unit: String

    public init(address: UInt16, type: RegisterType, scale: Double = 1, unit: String) {
        self.address = address
        self.type = type
        self.scale = scale
        self.unit = unit
    }

    /// The registers the value occupies, as `Int` so a value near 0xFFFF cannot overflow.
    public var addressRange: Range<Int> { Int(address)..<(Int(address) + type.registerCount) }
}
