import NIOCore

extension ModbusResponse {
    /// Appends the PDU to `buffer`; the server side. Refuses a read response outside 1...125 registers, which
    /// could not be a valid answer (Modbus Application Protocol 1.1b3 §6.3/§6.4).
    public func encode(into buffer: inout ByteBuffer) throws(ModbusPDUError) {
        switch self {
        case .readHoldingRegisters(let registers), .readInputRegisters(let registers):
            try ModbusRequest.check(quantity: registers.count, allowed: ModbusLimits.readQuantity, function: functionCode)
            buffer.writeInteger(functionCode.rawValue)
            buffer.writeInteger(UInt8(registers.count * 2))
            buffer.writeRegisters(registers)
        case .writeSingleRegister(let address, let value):
            buffer.writeInteger(functionCode.rawValue)
            buffer.writeInteger(address)
            buffer.writeInteger(value)
        case .writeMultipleRegisters(let address, let quantity):
            try ModbusRequest.check(
                quantity: Int(quantity), allowed: ModbusLimits.writeMultipleQuantity, function: functionCode)
            buffer.writeInteger(functionCode.rawValue)
            buffer.writeInteger(address)
            buffer.writeInteger(quantity)
        case .exception(_, let code):
            buffer.writeInteger(functionCode.rawValue)
            buffer.writeInteger(code.code)
        }
    }

    /// The PDU as a fresh buffer.
    public func encoded() throws(ModbusPDUError) -> ByteBuffer {
        var buffer = ByteBuffer()
        try encode(into: &buffer)
        return buffer
    }

    /// Decodes one complete response PDU; the client side. An exception to any function code is accepted here;
    /// `ModbusRequest.validate(_:)` checks it belongs to the request.
    public init(pdu: ByteBuffer) throws(ModbusPDUError) {
        var pdu = pdu
        let size = pdu.readableBytes
        guard size <= ModbusLimits.maximumPDUSize else { throw .oversize(bytes: size) }
        guard let code = pdu.readInteger(as: UInt8.self) else { throw .empty }
        let function = FunctionCode(rawValue: code)
        if function.isException {
            guard size == 2, let exception = pdu.readInteger(as: UInt8.self) else {
                throw .lengthMismatch(function: function, expected: 2, received: size)
            }
            self = .exception(function: function.requestCode, code: ModbusExceptionCode(code: exception))
            return
        }
        switch function {
        case .readHoldingRegisters, .readInputRegisters:
            let byteCount = Int(pdu.readInteger(as: UInt8.self) ?? 0)
            guard size == 2 + byteCount else {
                throw .lengthMismatch(function: function, expected: 2 + byteCount, received: size)
            }
            guard byteCount % 2 == 0 else {
                throw .oddByteCount(function: function, byteCount: byteCount)
            }
            try ModbusRequest.check(quantity: byteCount / 2, allowed: ModbusLimits.readQuantity, function: function)
            guard let registers = pdu.readRegisters(count: byteCount / 2) else {
                throw .lengthMismatch(function: function, expected: 2 + byteCount, received: size)
            }
            self = function == .readHoldingRegisters ? .readHoldingRegisters(registers) : .readInputRegisters(registers)
        case .writeSingleRegister, .writeMultipleRegisters:
            guard size == 5, let address = pdu.readInteger(as: UInt16.self),
                let second = pdu.readInteger(as: UInt16.self)
            else { throw .lengthMismatch(function: function, expected: 5, received: size) }
            if function == .writeSingleRegister {
                self = .writeSingleRegister(address: address, value: second)
            } else {
                try ModbusRequest.check(
                    quantity: Int(second), allowed: ModbusLimits.writeMultipleQuantity, function: function)
                self = .writeMultipleRegisters(address: address, quantity: second)
            }
        default:
            throw .unsupportedFunction(function)
        }
    }
}
