import NIOCore
import Testing

@testable import ModbusProtocol

/// Byte-exact PDU tables; the examples follow Modbus Application Protocol 1.1b3 §6.3, §6.4, §6.6, §6.12.
@Suite struct PDUCodingTests {
    static let requests: [(ModbusRequest, String)] = [
        (.readHoldingRegisters(address: 0x006B, quantity: 3), "03 00 6B 00 03"),
        (.readInputRegisters(address: 0x0008, quantity: 1), "04 00 08 00 01"),
        (.readHoldingRegisters(address: 0xFFFF, quantity: 125), "03 FF FF 00 7D"),
        (.writeSingleRegister(address: 0x0001, value: 0x0003), "06 00 01 00 03"),
        (.writeSingleRegister(address: 1215, value: 0xFFFF), "06 04 BF FF FF"),
        (.writeMultipleRegisters(address: 0x0001, values: [0x000A, 0x0102]), "10 00 01 00 02 04 00 0A 01 02"),
    ]

    static let responses: [(ModbusResponse, String)] = [
        (.readHoldingRegisters([0x022B, 0x0000, 0x0064]), "03 06 02 2B 00 00 00 64"),
        (.readInputRegisters([0x000A]), "04 02 00 0A"),
        (.writeSingleRegister(address: 0x0001, value: 0x0003), "06 00 01 00 03"),
        (.writeMultipleRegisters(address: 0x0001, quantity: 2), "10 00 01 00 02"),
        (.exception(function: .readInputRegisters, code: .illegalDataAddress), "84 02"),
        (.exception(function: .writeSingleRegister, code: .illegalDataValue), "86 03"),
        (.exception(function: FunctionCode(rawValue: 0x2B), code: .illegalFunction), "AB 01"),
    ]

    @Test(arguments: requests)
    func requestEncodesAndDecodes(request: ModbusRequest, wire: String) throws {
        #expect(bytes(try request.encoded()) == hex(wire))
        #expect(try ModbusRequest(pdu: buffer(wire)) == request)
    }

    @Test(arguments: responses)
    func responseEncodesAndDecodes(response: ModbusResponse, wire: String) throws {
        #expect(bytes(try response.encoded()) == hex(wire))
        #expect(try ModbusResponse(pdu: buffer(wire)) == response)
    }

    @Test func quantityLimitsOnEncode() throws {
        for quantity: UInt16 in [1, 125] {
            _ = try ModbusRequest.readHoldingRegisters(address: 0, quantity: quantity).encoded()
        }
        for quantity: UInt16 in [0, 126, 0xFFFF] {
            #expect(throws: ModbusPDUError.quantityOutOfRange(function: .readInputRegisters, quantity: Int(quantity),
                allowed: 1...125)) { try ModbusRequest.readInputRegisters(address: 0, quantity: quantity).encoded() }
        }
        _ = try ModbusRequest.writeMultipleRegisters(address: 0, values: Array(repeating: 7, count: 123)).encoded()
        for count in [0, 124, 300] {
            #expect(throws: ModbusPDUError.quantityOutOfRange(function: .writeMultipleRegisters, quantity: count,
                allowed: 1...123)) { try ModbusRequest.writeMultipleRegisters(address: 0, values: Array(repeating: 7, count: count)).encoded() }
        }
        #expect(throws: ModbusPDUError.quantityOutOfRange(function: .readHoldingRegisters, quantity: 126,
            allowed: 1...125)) { try ModbusResponse.readHoldingRegisters(Array(repeating: 0, count: 126)).encoded() }
        #expect(throws: ModbusPDUError.quantityOutOfRange(function: .readHoldingRegisters, quantity: 0,
            allowed: 1...125)) { try ModbusResponse.readHoldingRegisters([]).encoded() }
    }

    /// Hostile request PDUs: each gives its typed error, and the error maps to the exception a server answers.
    @Test(arguments: [
        ("", ModbusPDUError.empty, ModbusExceptionCode.illegalDataValue),
        ("01 00 00 00 01", .unsupportedFunction(FunctionCode(rawValue: 1)), .illegalFunction),
        ("83 00 00", .unsupportedFunction(FunctionCode(rawValue: 0x83)), .illegalFunction),
        ("03 00 00 00", .lengthMismatch(function: .readHoldingRegisters, expected: 5, received: 4), .illegalDataValue),
        ("03 00 00 00 01 00", .lengthMismatch(function: .readHoldingRegisters, expected: 5, received: 6), .illegalDataValue),
        ("06 00 01", .lengthMismatch(function: .writeSingleRegister, expected: 5, received: 3), .illegalDataValue),
        ("03 00 00 00 00", .quantityOutOfRange(function: .readHoldingRegisters, quantity: 0, allowed: 1...125), .illegalDataValue),
        ("04 00 00 00 7E", .quantityOutOfRange(function: .readInputRegisters, quantity: 126, allowed: 1...125), .illegalDataValue),
        ("10 00 00 00 01", .lengthMismatch(function: .writeMultipleRegisters, expected: 6, received: 5), .illegalDataValue),
        ("10 00 00 00 01 02 00", .lengthMismatch(function: .writeMultipleRegisters, expected: 8, received: 7), .illegalDataValue),
        ("10 00 00 00 02 02 00 01", .byteCountMismatch(function: .writeMultipleRegisters, byteCount: 2, expected: 4), .illegalDataValue),
        ("10 00 00 00 00 00", .quantityOutOfRange(function: .writeMultipleRegisters, quantity: 0, allowed: 1...123), .illegalDataValue),
        ("10 00 00 00 7C 02 00 01", .quantityOutOfRange(function: .writeMultipleRegisters, quantity: 124, allowed: 1...123), .illegalDataValue),
    ])
    func hostileRequests(wire: String, error: ModbusPDUError, exception: ModbusExceptionCode) {
        #expect(throws: error) { try ModbusRequest(pdu: buffer(wire)) }
        #expect(error.exceptionCode == exception)
    }

    @Test(arguments: [
        ("", ModbusPDUError.empty),
        ("83", .lengthMismatch(function: FunctionCode(rawValue: 0x83), expected: 2, received: 1)),
        ("83 02 00", .lengthMismatch(function: FunctionCode(rawValue: 0x83), expected: 2, received: 3)),
        ("03", .lengthMismatch(function: .readHoldingRegisters, expected: 2, received: 1)),
        ("03 04 00 01 00", .lengthMismatch(function: .readHoldingRegisters, expected: 6, received: 5)),
        ("03 02 00 01 00", .lengthMismatch(function: .readHoldingRegisters, expected: 4, received: 5)),
        ("04 03 00 01 00", .oddByteCount(function: .readInputRegisters, byteCount: 3)),
        ("03 00", .quantityOutOfRange(function: .readHoldingRegisters, quantity: 0, allowed: 1...125)),
        ("06 00 01 00", .lengthMismatch(function: .writeSingleRegister, expected: 5, received: 4)),
        ("10 00 01 00 00", .quantityOutOfRange(function: .writeMultipleRegisters, quantity: 0, allowed: 1...123)),
        ("2B 0E 01 00", .unsupportedFunction(FunctionCode(rawValue: 0x2B))),
    ])
    func hostileResponses(wire: String, error: ModbusPDUError) {
        #expect(throws: error) { try ModbusResponse(pdu: buffer(wire)) }
    }

    @Test func oversizePDUsAreRefused() {
        let big = ByteBuffer(bytes: [0x03, 0xFC] + Array(repeating: 0, count: 252))
        #expect(throws: ModbusPDUError.oversize(bytes: 254)) { try ModbusResponse(pdu: big) }
        #expect(throws: ModbusPDUError.oversize(bytes: 254)) { try ModbusRequest(pdu: big) }
        let largest = ByteBuffer(bytes: [0x03, 0xFA] + Array(repeating: 0, count: 250))
        #expect((try? ModbusResponse(pdu: largest))?.registers?.count == 125)
    }
}
