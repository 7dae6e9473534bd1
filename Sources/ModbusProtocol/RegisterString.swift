/// ASCII text stored in registers, as the Alfen station (alfen-station.md §1.1: name, firmware, serial) and meter
/// identification blocks hold it.
public enum RegisterString {
    /// How characters are packed.
    public enum Packing: Hashable, Sendable {
        /// Two characters per register, high byte first (Alfen: register 1201 reads `42 31 00 00` = "B1").
        case twoPerRegister
        /// One character per register in the low byte (Socomec "SOCO" at 0xC350: 0x0053 0x004F 0x0043 0x004F).
        case onePerRegister
    }

    /// The text, with trailing NULs and spaces (the padding devices use) trimmed. Bytes that are not valid UTF-8
    /// become U+FFFD rather than failing, so a misread block still shows what arrived.
    public static func decode(_ registers: [UInt16], packing: Packing = .twoPerRegister) -> String {
        var bytes: [UInt8] = []
        for register in registers {
            if packing == .twoPerRegister { bytes.append(UInt8(truncatingIfNeeded: register >> 8)) }
            bytes.append(UInt8(truncatingIfNeeded: register))
        }
        while let last = bytes.last, last == 0 || last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The registers of `text`, NUL-padded to `registerCount`, for the simulator. Text longer than the block is
    /// cut, as a device with a fixed-size field would.
    public static func encode(_ text: String, registerCount: Int, packing: Packing = .twoPerRegister) -> [UInt16] {
        var bytes = Array(text.utf8)
        let perRegister = packing == .twoPerRegister ? 2 : 1
        let capacity = max(0, registerCount) * perRegister
        bytes = Array(bytes.prefix(capacity)) + Array(repeating: 0, count: max(0, capacity - bytes.count))
        return (0..<max(0, registerCount)).map { index in
            perRegister == 2
                ? UInt16(bytes[2 * index]) << 8 | UInt16(bytes[2 * index + 1])
                : UInt16(bytes[index])
        }
    }
}
