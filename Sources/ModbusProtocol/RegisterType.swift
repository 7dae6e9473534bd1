/// The data types a meter preset may name (SPEC §2), each spanning a fixed number of 16-bit registers.
public enum RegisterType: String, Hashable, Sendable, CaseIterable {
    case int16, uint16, int32, uint32, int64, uint64, float32, float64

    /// How many registers one value occupies.
    public var registerCount: Int {
        switch self {
        case .int16, .uint16: 1
        case .int32, .uint32, .float32: 2
        case .int64, .uint64, .float64: 4
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
}

/// How a multi-byte value is laid out over registers, named by where the value's big-endian bytes A B C D land
/// (libmodbus `modbus_get_float_abcd/badc/cdab/dcba`). A value, not a string, so a typo cannot reach the wire.
/// For 64-bit types the same two rules apply to all four words; for 16-bit types only the byte swap matters.
public enum WordOrder: String, Hashable, Sendable, CaseIterable {
    /// Big-endian words, most significant first ("MSW first"): 123456.0f = 0x47F1 0x2000.
    case abcd = "ABCD"
    /// Least significant word first ("LSW first", Carlo Gavazzi, Shelly): 0x2000 0x47F1.
    case cdab = "CDAB"
    /// Words in order, bytes swapped inside each: 0xF147 0x0020.
    case badc = "BADC"
    /// Fully little-endian: 0x0020 0xF147.
    case dcba = "DCBA"

    /// The words are sent least significant first.
    public var swapsWords: Bool { self == .cdab || self == .dcba }

    /// The two bytes inside each word are swapped.
    public var swapsBytes: Bool { self == .badc || self == .dcba }

    /// Turns big-endian words (most significant first, high byte first) into wire registers. Both steps are
    /// involutions, so the same function turns wire registers back into big-endian words.
    public func arrange(_ words: [UInt16]) -> [UInt16] {
        let ordered = swapsWords ? Array(words.reversed()) : words
        return swapsBytes ? ordered.map(\.byteSwapped) : ordered
    }
}

/// Why a register run cannot be decoded or a value cannot be encoded for a type.
public enum RegisterEncodingError: Error, Hashable, Sendable {
    /// The run holds another number of registers than the type needs.
    case registerCount(type: RegisterType, expected: Int, received: Int)
    /// The value does not fit the type (after rounding, for integer types), or is not finite for an integer type.
    case outOfRange(type: RegisterType, value: Double)
}
