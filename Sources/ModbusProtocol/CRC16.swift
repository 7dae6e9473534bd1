/// CRC-16/MODBUS (Modbus over serial line 1.02 §6.2.2): reflected polynomial 0xA001, initial value 0xFFFF,
/// no final XOR. The RTU frame carries it low byte first, the one little-endian field in Modbus.
public enum CRC16 {
    /// The CRC of `bytes`.
    public static func modbus<Bytes: Sequence>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        self.continue(0xFFFF, bytes)
    }

    /// Extends a running CRC over more bytes, so a frame need not be copied into one buffer first.
    public static func `continue`<Bytes: Sequence>(_ crc: UInt16, _ bytes: Bytes) -> UInt16
    where Bytes.Element == UInt8 {
        var crc = crc
        for byte in bytes {
            crc = (crc >> 8) ^ table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)]
        }
        return crc
    }

    /// One entry per byte value, the table-driven form of the bitwise algorithm in §6.2.2.
    static let table: [UInt16] = (0...255).map { index in
        var crc = UInt16(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
        }
        return crc
    }
}
