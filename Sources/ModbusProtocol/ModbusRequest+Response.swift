extension ModbusRequest {
    /// Checks that `response` answers this request: same function code (or its exception), as many registers as
    /// asked, and a write echo of the same address and value/quantity (Modbus Application Protocol 1.1b3 §6.6,
    /// §6.12). An exception response passes; the caller decides what it means.
    public func validate(_ response: ModbusResponse) throws(ModbusPDUError) {
        if case .exception(let function, _) = response {
            guard function == functionCode else {
                throw .unexpectedFunction(expected: functionCode, received: response.functionCode)
            }
            return
        }
        guard response.functionCode == functionCode else {
            throw .unexpectedFunction(expected: functionCode, received: response.functionCode)
        }
        switch (self, response) {
        case (.readHoldingRegisters(_, let quantity), .readHoldingRegisters(let registers)),
            (.readInputRegisters(_, let quantity), .readInputRegisters(let registers)):
            guard registers.count == Int(quantity) else {
                throw .unexpectedRegisterCount(expected: Int(quantity), received: registers.count)
            }
        case (.writeSingleRegister(let address, let value), .writeSingleRegister(let echoed, let echoedValue)):
            guard address == echoed, value == echoedValue else {
                throw .unexpectedEcho(
                    expectedAddress: address, expectedValue: value, receivedAddress: echoed, receivedValue: echoedValue)
            }
        case (.writeMultipleRegisters(let address, let values), .writeMultipleRegisters(let echoed, let quantity)):
            guard address == echoed, values.count == Int(quantity) else {
                throw .unexpectedEcho(
                    expectedAddress: address, expectedValue: UInt16(truncatingIfNeeded: values.count),
                    receivedAddress: echoed, receivedValue: quantity)
            }
        default:
            throw .unexpectedFunction(expected: functionCode, received: response.functionCode)
        }
    }
}
