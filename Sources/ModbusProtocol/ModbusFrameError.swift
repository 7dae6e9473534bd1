/// Why a byte stream is not a valid MBAP or RTU frame. After any of these the stream is out of step: the decoder
/// leaves the buffer untouched, and the transport discards its input (TCP: close the connection, as the Modbus
/// Messaging on TCP/IP Implementation Guide 1.0b §4.2 advises; serial: drop bytes until the inter-frame silence,
/// Modbus over serial line 1.02 §2.5.1.1).
public enum ModbusFrameError: Error, Hashable, Sendable {
    /// An MBAP protocol identifier other than 0 (Modbus).
    case mbapProtocolID(UInt16, transactionID: UInt16)
    /// An MBAP length outside 2...254: it counts the unit id and a PDU of 1 to 253 bytes.
    case mbapLength(UInt16, transactionID: UInt16)
    /// A PDU handed to an encoder that is empty or longer than 253 bytes.
    case pduSize(Int)
    /// An RTU frame whose CRC does not match its bytes.
    case crcMismatch(unitID: UInt8, computed: UInt16, received: UInt16)
    /// An RTU request with a function code whose frame length cannot be known (RTU has no length field).
    case rtuUndeterminableLength(FunctionCode)
    /// An RTU response whose function code is neither the request's nor its exception.
    case rtuUnexpectedFunction(expected: FunctionCode, received: FunctionCode)
    /// An RTU frame whose byte count would make it longer than 256 bytes.
    case rtuFrameTooLong(function: FunctionCode, length: Int)
}
