import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct CRC16Tests {
    /// Known vectors: the request, the Modbus spec's 0x11 example, and the CRC catalogue check value.
    @Test(arguments: [
        ("01 03 00 00 00 0A", UInt16(0xCDC5)),
        ("11 03 00 6B 00 03", 0x8776),
        ("01 04 00 00 00 01", 0xCA31),
        ("11 01 00 13 00 25", 0x840E),
        ("", 0xFFFF),
    ])
    func knownVectors(bytes: String, crc: UInt16) {
        #expect(CRC16.modbus(hex(bytes)) == crc)
    }

    @Test func catalogueCheckValue() {
        #expect(CRC16.modbus(Array("123456789".utf8)) == 0x4B37)
    }

    @Test func tableMatchesTheBitwiseAlgorithm() {
        var rng = SplitMix64(seed: 16)
        for _ in 0..<500 {
            let data = rng.bytes(Int.random(in: 0...40, using: &rng))
            var crc: UInt16 = 0xFFFF
            for byte in data {
                crc ^= UInt16(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
            }
            #expect(CRC16.modbus(data) == crc)
        }
    }

    @Test func continuingEqualsOneShot() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<200 {
            let data = rng.bytes(Int.random(in: 0...30, using: &rng))
            let cut = Int.random(in: 0...data.count, using: &rng)
            #expect(CRC16.continue(CRC16.modbus(data[..<cut]), data[cut...]) == CRC16.modbus(data))
        }
    }
}
