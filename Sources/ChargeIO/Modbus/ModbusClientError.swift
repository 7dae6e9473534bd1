import ModbusProtocol

/// Why a Modbus request failed, with the context the CLI needs to tell the user what happened (SPEC §1: a
/// timeout says it timed out; an exception reply names its number, so 0x0B is told apart from silence).
public enum ModbusClientError: Error, Hashable, Sendable {
    /// The target could not be reached: refused, no route, unknown host.
    case unreachable(endpoint: String, reason: String)
    /// No TCP connection within the timeout.
    case connectTimeout(endpoint: String, seconds: Double)
    /// No complete response within the timeout. `received` counts the bytes of a partial frame; `discarded` the
    /// transaction ids of responses that belonged to no pending request (stale or wrong).
    case timeout(unit: UInt8, function: FunctionCode, seconds: Double, received: Int, discarded: [UInt16])
    /// The peer closed or reset the connection before answering.
    case connectionLost(endpoint: String, reason: String)
    /// The device answered with a Modbus exception (Modbus Application Protocol 1.1b3 §7).
    case exception(unit: UInt8, function: FunctionCode, code: ModbusExceptionCode)
    /// The bytes were not a Modbus frame (bad MBAP header, CRC mismatch).
    case malformedFrame(ModbusFrameError)
    /// A well-framed response that does not answer the request (wrong function, count, echo).
    case invalidResponse(ModbusPDUError)
    /// The request itself breaks a protocol limit; nothing was sent.
    case invalidRequest(ModbusPDUError)
    /// The serial port could not be opened or configured.
    case serialPort(path: String, reason: String)
}
