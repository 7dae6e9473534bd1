import NIOCore

/// One Modbus RTU frame: the server address (unit id) and the PDU. The CRC is computed on encode and checked on
/// decode (Modbus over serial line 1.02 §2.5.1).
public struct RTUFrame: Hashable, Sendable {
    /// 1...247 address one device, 0 is broadcast (Modbus over serial line 1.02 §2.2).
    public var unitID: UInt8
    public var pdu: ByteBuffer

    public init(unitID: UInt8, pdu: ByteBuffer) {
        self.unitID = unitID
        self.pdu = pdu
    }
}

/// Writes RTU frames: address, PDU, then CRC-16/MODBUS low byte first (Modbus over serial line 1.02 §2.5.1.2).
/// The same bytes serve RTU over a serial line and RTU over TCP.
public struct RTUFrameEncoder: Sendable {
    public init() {}

    public func encode(_ frame: RTUFrame, into buffer: inout ByteBuffer) throws(ModbusFrameError) {
        let size = frame.pdu.readableBytes
        guard size >= 1, size <= ModbusLimits.maximumPDUSize else { throw .pduSize(size) }
        var crc = CRC16.modbus(CollectionOfOne(frame.unitID))
        crc = CRC16.continue(crc, frame.pdu.readableBytesView)
        buffer.writeInteger(frame.unitID)
        var pdu = frame.pdu
        buffer.writeBuffer(&pdu)
        buffer.writeInteger(crc, endianness: .little)
    }
}
