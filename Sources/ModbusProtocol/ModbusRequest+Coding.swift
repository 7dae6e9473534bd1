import NIOCore

extension ModbusRequest {
    /// Appends the PDU (function code and data) to `buffer`; the client side. Refuses quantities a server must
    /// reject, so the wire never carries them.
    public func encode(into buffer: inout ByteBuffer) throws(ModbusPDUError) {
        try validate()
        buffer.writeInteger(functionCode.rawValue)
        buffer.writeInteger(address)
        switch self {
        case .readHoldingRegisters(_, let quantity), .readInputRegisters(_, let quantity):
            buffer.writeInteger(quantity)
        case .writeSingleRegister(_, let value):
            buffer.writeInteger(value)
        case .writeMultipleRegisters(_, let values):
            buffer.writeInteger(UInt16(truncatingIfNeeded: values.count))
            buffer.writeInteger(UInt8(truncatingIfNeeded: values.count * 2))
            buffer.writeRegisters(values)
        }
    }

    /// The PDU as a fresh buffer.
    public func encoded() throws(ModbusPDUError) -> ByteBuffer {
        var buffer = ByteBuffer()
        try encode(into: &buffer)
        return buffer
    }

    /// Decodes one complete request PDU; the server side. The PDU must be exactly as long as its function code
    /// and byte count say, and its quantities within limits; the thrown error maps to the exception a server
    /// answers (`ModbusPDUError.exceptionCode`).
    public init(pdu: ByteBuffer) throws(ModbusPDUError) {
        var pdu = pdu
        let size = pdu.readableBytes
        guard size <= ModbusLimits.maximumPDUSize else { throw .oversize(bytes: size) }
        guard let code = pdu.readInteger(as: UInt8.self) else { throw .empty }
        let function = FunctionCode(rawValue: code)
        guard function.isSupported else { throw .unsupportedFunction(function) }
        guard let address = pdu.readInteger(as: UInt16.self), let second = pdu.readInteger(as: UInt16.self) else {
            throw .lengthMismatch(function: function, expected: 5, received: size)
        }
        switch function {
        case .readHoldingRegisters: self = .readHoldingRegisters(address: address, quantity: second)
        case .readInputRegisters: self = .readInputRegisters(address: address, quantity: second)
        case .writeSingleRegister: self = .writeSingleRegister(address: address, value: second)
        default:
            // Write multiple (§6.12): quantity, byte count = 2 × quantity, then the registers.
            guard let byteCount = pdu.readInteger(as: UInt8.self) else {
                throw .lengthMismatch(function: function, expected: 6, received: size)
            }
            let expectedSize = 6 + Int(byteCount)
            guard size == expectedSize else {
                throw .lengthMismatch(function: function, expected: expectedSize, received: size)
            }
            try Self.check(quantity: Int(second), allowed: ModbusLimits.writeMultipleQuantity, function: function)
            guard Int(byteCount) == Int(second) * 2 else {
                throw .byteCountMismatch(function: function, byteCount: Int(byteCount), expected: Int(second) * 2)
            }
            guard let values = pdu.readRegisters(count: Int(second)) else {
                throw .lengthMismatch(function: function, expected: expectedSize, received: size)
            }
            self = .writeMultipleRegisters(address: address, values: values)
        }
        guard size == 5 || function == .writeMultipleRegisters else {
            throw .lengthMismatch(function: function, expected: 5, received: size)
        }
        try validate()
    }
}
