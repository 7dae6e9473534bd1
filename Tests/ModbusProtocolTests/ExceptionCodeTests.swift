import Testing

@testable import ModbusProtocol

@Suite struct ExceptionCodeTests {
    @Test(arguments: [
        (ModbusExceptionCode.illegalFunction, UInt8(0x01), "0x01 illegal function"),
        (.illegalDataAddress, 0x02, "0x02 illegal data address"),
        (.illegalDataValue, 0x03, "0x03 illegal data value"),
        (.serverDeviceFailure, 0x04, "0x04 server device failure"),
        (.acknowledge, 0x05, "0x05 acknowledge"),
        (.serverDeviceBusy, 0x06, "0x06 server device busy"),
        (.memoryParityError, 0x08, "0x08 memory parity error"),
        (.gatewayPathUnavailable, 0x0A, "0x0A gateway path unavailable"),
        (.gatewayTargetDeviceFailedToRespond, 0x0B, "0x0B gateway target device failed to respond"),
    ])
    func namedCodes(code: ModbusExceptionCode, number: UInt8, description: String) {
        #expect(code.code == number)
        #expect(ModbusExceptionCode(code: number) == code)
        #expect(code.description == description)
        if case .other = ModbusExceptionCode(code: number) { Issue.record("a named code became .other") }
    }

    @Test func unknownCodesArePreserved() {
        let named = Set(ModbusExceptionCode.named.map(\.code))
        for number in UInt8.min...UInt8.max where !named.contains(number) {
            let code = ModbusExceptionCode(code: number)
            #expect(code == .other(number))
            #expect(code.code == number)
        }
        #expect(ModbusExceptionCode(code: 0x07).description == "0x07 unknown exception")
        #expect(ModbusExceptionCode(code: 0xFF).description == "0xFF unknown exception")
    }

    @Test func equalityIsByNumber() {
        #expect(ModbusExceptionCode.other(0x02) == .illegalDataAddress)
        #expect(Set([ModbusExceptionCode.other(0x0B), .gatewayTargetDeviceFailedToRespond]).count == 1)
        #expect(ModbusExceptionCode.other(0x0C) != .gatewayTargetDeviceFailedToRespond)
    }

    @Test func everyExceptionRoundTripsThroughAResponsePDU() throws {
        for function in FunctionCode.supported {
            for number in UInt8.min...UInt8.max {
                let response = ModbusResponse.exception(function: function, code: ModbusExceptionCode(code: number))
                let pdu = try response.encoded()
                #expect(bytes(pdu) == [function.rawValue | 0x80, number])
                #expect(try ModbusResponse(pdu: pdu) == response)
            }
        }
    }

    @Test func functionCodeDescriptions() {
        #expect(FunctionCode.readHoldingRegisters.description == "0x03 read holding registers")
        #expect(FunctionCode.writeMultipleRegisters.description == "0x10 write multiple registers")
        #expect(FunctionCode(rawValue: 0x83).description == "0x83 exception to read holding registers")
        #expect(FunctionCode(rawValue: 0x83).requestCode == .readHoldingRegisters)
        #expect(FunctionCode(rawValue: 0x2B).description == "0x2B unsupported function")
    }
}
