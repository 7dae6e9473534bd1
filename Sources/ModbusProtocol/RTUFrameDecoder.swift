import NIOCore

/// Single-step RTU decoder. RTU has no length field: a frame ends after 3.5 character times of silence (Modbus
/// over serial line 1.02 §2.5.1.1), which a byte stream (RTU over TCP, a buffered serial port) loses. So the
/// decoder computes the length from the function code and byte count, which needs to know whether it reads
/// requests (a server) or the response to one known request (a client).
public struct RTUFrameDecoder: Sendable {
    public enum Mode: Hashable, Sendable {
        /// Server side: requests of function codes 3, 4, 6 and 16.
        case request
        /// Client side: the response to a request of this function code, or its exception.
        case response(to: FunctionCode)
    }

    public var mode: Mode

    public init(mode: Mode) { self.mode = mode }

    /// A client decoder for the response to `request`.
    public init(expectingResponseTo request: ModbusRequest) { self.mode = .response(to: request.functionCode) }

    /// Returns nil until a whole frame is readable, then consumes exactly that frame. On error the buffer is left
    /// untouched (see `ModbusFrameError`).
    public mutating func decode(_ buffer: inout ByteBuffer) throws(ModbusFrameError) -> RTUFrame? {
        guard let length = try frameLength(buffer) else { return nil }
        let start = buffer.readerIndex
        guard let unitID = buffer.getInteger(at: start, as: UInt8.self),
            let pdu = buffer.getSlice(at: start + 1, length: length - 3),
            let received = buffer.getInteger(at: start + length - 2, endianness: .little, as: UInt16.self)
        else { return nil }
        let computed = CRC16.continue(CRC16.modbus(CollectionOfOne(unitID)), pdu.readableBytesView)
        guard computed == received else { throw .crcMismatch(unitID: unitID, computed: computed, received: received) }
        buffer.moveReaderIndex(forwardBy: length)
        return RTUFrame(unitID: unitID, pdu: pdu)
    }

    /// The whole frame's length (address + PDU + CRC), or nil while the bytes that decide it are missing.
    private func frameLength(_ buffer: ByteBuffer) throws(ModbusFrameError) -> Int? {
        guard let code = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) else { return nil }
        let function = FunctionCode(rawValue: code)
        guard let length = try impliedLength(buffer, function) else { return nil }
        guard length <= ModbusLimits.maximumRTUFrameSize else { throw .rtuFrameTooLong(function: function, length: length) }
        return length
    }

    private func impliedLength(_ buffer: ByteBuffer, _ function: FunctionCode) throws(ModbusFrameError) -> Int? {
        let start = buffer.readerIndex
        switch mode {
        case .request:
            switch function {
            case .readHoldingRegisters, .readInputRegisters, .writeSingleRegister: return 8
            case .writeMultipleRegisters:
                // Address, code, start (2), quantity (2), byte count, data, CRC (2): §6.12.
                return buffer.getInteger(at: start + 6, as: UInt8.self).map { 9 + Int($0) }
            default: throw .rtuUndeterminableLength(function)
            }
        case .response(let expected):
            if function.rawValue == expected.exceptionCode { return 5 }
            guard function == expected else { throw .rtuUnexpectedFunction(expected: expected, received: function) }
            switch function {
            case .readHoldingRegisters, .readInputRegisters:
                return buffer.getInteger(at: start + 2, as: UInt8.self).map { 5 + Int($0) }
            case .writeSingleRegister, .writeMultipleRegisters: return 8
            default: throw .rtuUndeterminableLength(function)
            }
        }
    }
}
