import NIOCore

/// One Modbus TCP application data unit: the MBAP header's transaction and unit id, and the PDU. The protocol id
/// (always 0) and the length are derived on encode and checked on decode.
public struct MBAPFrame: Hashable, Sendable {
    /// Echoed by the server so a client can pair responses with requests.
    public var transactionID: UInt16
    /// The addressed device behind a gateway, or the station's socket (unit 200, 1, 2: SPEC §5).
    public var unitID: UInt8
    public var pdu: ByteBuffer

    public init(transactionID: UInt16, unitID: UInt8, pdu: ByteBuffer) {
        self.transactionID = transactionID
        self.unitID = unitID
        self.pdu = pdu
    }

    /// The MBAP header is 7 bytes: transaction id, protocol id, length (all 16-bit) and unit id.
    public static let headerSize = 7
}

/// Writes MBAP frames (Modbus Messaging on TCP/IP Implementation Guide 1.0b §3.1.3).
public struct MBAPFrameEncoder: Sendable {
    public init() {}

    public func encode(_ frame: MBAPFrame, into buffer: inout ByteBuffer) throws(ModbusFrameError) {
        let size = frame.pdu.readableBytes
        guard size >= 1, size <= ModbusLimits.maximumPDUSize else { throw .pduSize(size) }
        buffer.writeInteger(frame.transactionID)
        buffer.writeInteger(UInt16(0))
        buffer.writeInteger(UInt16(size + 1))
        buffer.writeInteger(frame.unitID)
        var pdu = frame.pdu
        buffer.writeBuffer(&pdu)
    }
}

/// Single-step MBAP decoder (the swift-nio `ByteToMessageDecoder` shape without the handler): returns nil until a
/// whole frame is readable, then consumes exactly that frame. Works byte by byte or with many frames at once.
public struct MBAPFrameDecoder: Sendable {
    public init() {}

    /// On error the buffer is left untouched (see `ModbusFrameError`).
    public mutating func decode(_ buffer: inout ByteBuffer) throws(ModbusFrameError) -> MBAPFrame? {
        let start = buffer.readerIndex
        guard let transactionID = buffer.getInteger(at: start, as: UInt16.self),
            let protocolID = buffer.getInteger(at: start + 2, as: UInt16.self)
        else { return nil }
        // Check each header field as soon as it arrives, so garbage is refused without waiting for more.
        guard protocolID == 0 else { throw .mbapProtocolID(protocolID, transactionID: transactionID) }
        guard let length = buffer.getInteger(at: start + 4, as: UInt16.self) else { return nil }
        guard ModbusLimits.mbapLength.contains(length) else {
            throw .mbapLength(length, transactionID: transactionID)
        }
        guard buffer.readableBytes >= 6 + Int(length),
            let unitID = buffer.getInteger(at: start + 6, as: UInt8.self),
            let pdu = buffer.getSlice(at: start + MBAPFrame.headerSize, length: Int(length) - 1)
        else { return nil }
        buffer.moveReaderIndex(forwardBy: 6 + Int(length))
        return MBAPFrame(transactionID: transactionID, unitID: unitID, pdu: pdu)
    }
}
