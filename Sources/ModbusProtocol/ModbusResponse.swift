/// A response PDU for one of the four supported function codes, or an exception response to any code.
public enum ModbusResponse: Hashable, Sendable {
    case readHoldingRegisters([UInt16])
    case readInputRegisters([UInt16])
    /// Modbus Application Protocol 1.1b3 §6.6: the normal response echoes the request.
    case writeSingleRegister(address: UInt16, value: UInt16)
    /// Modbus Application Protocol 1.1b3 §6.12: echoes the start address and quantity.
    case writeMultipleRegisters(address: UInt16, quantity: UInt16)
    /// Modbus Application Protocol 1.1b3 §7: `function` is the request's code; the wire carries it with the high
    /// bit set.
    case exception(function: FunctionCode, code: ModbusExceptionCode)

    /// A read response for `table`.
    public static func read(_ table: RegisterTable, registers: [UInt16]) -> ModbusResponse {
        switch table {
        case .holding: .readHoldingRegisters(registers)
        case .input: .readInputRegisters(registers)
        }
    }

    /// The function code on the wire (with the high bit set for an exception).
    public var functionCode: FunctionCode {
        switch self {
        case .readHoldingRegisters: .readHoldingRegisters
        case .readInputRegisters: .readInputRegisters
        case .writeSingleRegister: .writeSingleRegister
        case .writeMultipleRegisters: .writeMultipleRegisters
        case .exception(let function, _): FunctionCode(rawValue: function.exceptionCode)
        }
    }

    /// The registers of a read response, nil for any other response.
    public var registers: [UInt16]? {
        switch self {
        case .readHoldingRegisters(let registers), .readInputRegisters(let registers): registers
        default: nil
        }
    }
}
