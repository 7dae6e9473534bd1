import NIOCore

extension ByteBuffer {
    /// Reads `count` big-endian registers (Modbus Application Protocol 1.1b3 §4.2: big-endian on the wire).
    mutating func readRegisters(count: Int) -> [UInt16]? {
        guard count >= 0, readableBytes >= count * 2 else { return nil }
        var registers: [UInt16] = []
        registers.reserveCapacity(count)
        for _ in 0..<count {
            guard let register = readInteger(as: UInt16.self) else { return nil }
            registers.append(register)
        }
        return registers
    }

    mutating func writeRegisters(_ registers: [UInt16]) {
        for register in registers { writeInteger(register) }
    }
}
