/// A request PDU for one of the four supported function codes. Knows nothing of MBAP or RTU framing
/// (ARCHITECTURE.md: message / framing / transport split).
public enum ModbusRequest: Hashable, Sendable {
    case readHoldingRegisters(address: UInt16, quantity: UInt16)
    case readInputRegisters(address: UInt16, quantity: UInt16)
    case writeSingleRegister(address: UInt16, value: UInt16)
    case writeMultipleRegisters(address: UInt16, values: [UInt16])

    /// A read of `table` (function code 3 or 4).
    public static func read(_ table: RegisterTable, address: UInt16, quantity: UInt16) -> ModbusRequest {
        switch table {
        case .holding: .readHoldingRegisters(address: address, quantity: quantity)
        case .input: .readInputRegisters(address: address, quantity: quantity)
        }
    }

    public var functionCode: FunctionCode {
        switch self {
        case .readHoldingRegisters: .readHoldingRegisters
        case .readInputRegisters: .readInputRegisters
        case .writeSingleRegister: .writeSingleRegister
        case .writeMultipleRegisters: .writeMultipleRegisters
        }
    }

    /// The first register the request touches.
    public var address: UInt16 {
        switch self {
        case .readHoldingRegisters(let address, _), .readInputRegisters(let address, _),
            .writeSingleRegister(let address, _), .writeMultipleRegisters(let address, _):
            address
        }
    }

    /// How many registers the request touches.
    public var quantity: Int {
        switch self {
        case .readHoldingRegisters(_, let quantity), .readInputRegisters(_, let quantity): Int(quantity)
        case .writeSingleRegister: 1
        case .writeMultipleRegisters(_, let values): values.count
        }
    }

    /// Checks the quantity limits of Modbus Application Protocol 1.1b3 §6.3, §6.4 and §6.12, so no request
    /// that a conforming server must refuse is ever put on the wire.
    public func validate() throws(ModbusPDUError) {
        let allowed: ClosedRange<UInt16>
        switch self {
        case .readHoldingRegisters, .readInputRegisters: allowed = ModbusLimits.readQuantity
        case .writeMultipleRegisters: allowed = ModbusLimits.writeMultipleQuantity
        case .writeSingleRegister: return
        }
        try Self.check(quantity: quantity, allowed: allowed, function: functionCode)
    }

    static func check(quantity: Int, allowed: ClosedRange<UInt16>, function: FunctionCode) throws(ModbusPDUError) {
        guard quantity >= Int(allowed.lowerBound), quantity <= Int(allowed.upperBound) else {
            throw .quantityOutOfRange(function: function, quantity: quantity, allowed: allowed)
        }
    }
}

/// The two register tables this tool reads: function code 3 reads holding registers, 4 reads input registers.
public enum RegisterTable: String, Hashable, Sendable, CaseIterable {
    case holding
    case input

    public var readFunctionCode: FunctionCode {
        switch self {
        case .holding: .readHoldingRegisters
        case .input: .readInputRegisters
        }
    }
}
