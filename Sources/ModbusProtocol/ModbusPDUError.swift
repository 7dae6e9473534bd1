/// Why a PDU could not be encoded, decoded or matched to its request. Each case carries enough context for the
/// CLI to say what arrived; `exceptionCode` is what a server answers when the PDU was a request.
public enum ModbusPDUError: Error, Hashable, Sendable {
    /// No function code at all: nothing a server could echo in an exception.
    case empty
    /// More than 253 bytes (Modbus Application Protocol 1.1b3 §4.1).
    case oversize(bytes: Int)
    /// A function code other than 3, 4, 6 and 16.
    case unsupportedFunction(FunctionCode)
    /// The PDU is shorter or longer than its function code and byte count imply.
    case lengthMismatch(function: FunctionCode, expected: Int, received: Int)
    /// A register quantity outside the limits of Modbus Application Protocol 1.1b3 §6.3/§6.4/§6.12.
    case quantityOutOfRange(function: FunctionCode, quantity: Int, allowed: ClosedRange<UInt16>)
    /// A byte count that is not twice the register quantity.
    case byteCountMismatch(function: FunctionCode, byteCount: Int, expected: Int)
    /// A read response whose byte count is odd, so it cannot hold whole registers.
    case oddByteCount(function: FunctionCode, byteCount: Int)
    /// A response whose function code is not the request's (nor its exception).
    case unexpectedFunction(expected: FunctionCode, received: FunctionCode)
    /// A read response with another number of registers than requested.
    case unexpectedRegisterCount(expected: Int, received: Int)
    /// A write response that does not echo the request's address and value/quantity.
    case unexpectedEcho(expectedAddress: UInt16, expectedValue: UInt16, receivedAddress: UInt16, receivedValue: UInt16)

    /// The exception a server answers to a request that failed to decode with this error.
    /// Modbus Application Protocol 1.1b3 §7: 0x01 for a code the server does not implement; 0x03 for a bad
    /// quantity or "a fault in the structure of the remainder of a complex request, such as that the implied
    /// length is incorrect".
    public var exceptionCode: ModbusExceptionCode {
        switch self {
        case .unsupportedFunction: .illegalFunction
        default: .illegalDataValue
        }
    }
}
