/// A Modbus function code. A struct, not an enum, so any byte that arrives on the wire is representable: a server
/// must answer an unknown code with exception 0x01 (Modbus Application Protocol 1.1b3 §7), echoing that code.
public struct FunctionCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Modbus Application Protocol 1.1b3 §6.3.
    public static let readHoldingRegisters = FunctionCode(rawValue: 0x03)
    /// Modbus Application Protocol 1.1b3 §6.4.
    public static let readInputRegisters = FunctionCode(rawValue: 0x04)
    /// Modbus Application Protocol 1.1b3 §6.6.
    public static let writeSingleRegister = FunctionCode(rawValue: 0x06)
    /// Modbus Application Protocol 1.1b3 §6.12.
    public static let writeMultipleRegisters = FunctionCode(rawValue: 0x10)

    /// The four codes this tool speaks (SPEC §5).
    public static let supported: [FunctionCode] = [
        .readHoldingRegisters, .readInputRegisters, .writeSingleRegister, .writeMultipleRegisters,
    ]

    public var isSupported: Bool { Self.supported.contains(self) }

    /// An exception response sets the high bit of the request's code (Modbus Application Protocol 1.1b3 §7).
    public var isException: Bool { rawValue & 0x80 != 0 }

    /// The code of the exception response to this request code.
    public var exceptionCode: UInt8 { rawValue | 0x80 }

    /// The request code an exception response refers to.
    public var requestCode: FunctionCode { FunctionCode(rawValue: rawValue & 0x7F) }

    public var name: String {
        switch self {
        case .readHoldingRegisters: "read holding registers"
        case .readInputRegisters: "read input registers"
        case .writeSingleRegister: "write single register"
        case .writeMultipleRegisters: "write multiple registers"
        default: isException ? "exception to \(requestCode.name)" : "unsupported function"
        }
    }

    /// `0x03 read holding registers`, the notation of the `-v` frame trace.
    public var description: String { "\(hexString(rawValue)) \(name)" }
}
