/// The size limits of the Modbus protocol, in one place so the framing, PDU and bank code cite the same numbers.
public enum ModbusLimits {
    /// Modbus Application Protocol 1.1b3 §4.1: the PDU is limited to 253 bytes, inherited from the RS-485 ADU of
    /// 256 bytes minus the server address (1) and the CRC (2).
    public static let maximumPDUSize = 253

    /// Modbus over serial line 1.02 §2.5.1: an RTU frame (address + PDU + CRC) is at most 256 bytes.
    public static let maximumRTUFrameSize = 256

    /// Modbus Application Protocol 1.1b3 §6.3/§6.4: read holding/input registers ask for 1 to 125 (0x7D) registers,
    /// so the response's 2 × N data bytes fit in the 253-byte PDU.
    public static let readQuantity: ClosedRange<UInt16> = 1...125

    /// Modbus Application Protocol 1.1b3 §6.12: write multiple registers carries 1 to 123 (0x7B) registers.
    public static let writeMultipleQuantity: ClosedRange<UInt16> = 1...123

    /// Modbus Messaging on TCP/IP Implementation Guide 1.0b §3.1.3: the MBAP length counts the unit id and the PDU,
    /// so it lies in 2...254 (a PDU has at least a function code and at most 253 bytes).
    public static let mbapLength: ClosedRange<UInt16> = 2...254
}

/// `0x0B`-style hex text for descriptions; the core has no Foundation, so no `String(format:)`.
func hexString<T: FixedWidthInteger>(_ value: T, digits: Int = MemoryLayout<T>.size * 2) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
