import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct RegisterStringTests {
    @Test(arguments: [
        ([UInt16(0x4231), 0x0000, 0x0000], "B1"),
        ([0x414C, 0x465F, 0x3130, 0x3030, 0x0000], "ALF_1000"),
        ([0x4E47, 0x3931, 0x3020, 0x2020], "NG910"),
        ([0x4142, 0x4300], "ABC"),
        ([0x0000, 0x0000], ""),
        ([], ""),
        ([0x4120, 0x4200], "A B"),
    ])
    func twoCharactersPerRegister(registers: [UInt16], text: String) {
        #expect(RegisterString.decode(registers) == text)
    }

    @Test func oneCharacterPerRegister() {
        #expect(RegisterString.decode([0x0053, 0x004F, 0x0043, 0x004F], packing: .onePerRegister) == "SOCO")
        #expect(RegisterString.encode("SOCO", registerCount: 4, packing: .onePerRegister) == [0x53, 0x4F, 0x43, 0x4F])
    }

    @Test func encodePadsAndCuts() {
        #expect(RegisterString.encode("B1", registerCount: 3) == [0x4231, 0, 0])
        #expect(RegisterString.encode("ABC", registerCount: 2) == [0x4142, 0x4300])
        #expect(RegisterString.encode("ABCDEFG", registerCount: 2) == [0x4142, 0x4344])
        #expect(RegisterString.encode("X", registerCount: 0) == [])
        #expect(RegisterString.encode("X", registerCount: -3) == [])
    }

    @Test func invalidUTF8IsRepairedNotFatal() {
        #expect(RegisterString.decode([0xFF41]) == "\u{FFFD}A")
    }

    @Test func roundTripsPrintableASCII() {
        var rng = SplitMix64(seed: 200)
        for _ in 0..<1000 {
            let text = String((0..<Int.random(in: 0...34, using: &rng)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 0x21...0x7E, using: &rng)))
            })
            #expect(RegisterString.decode(RegisterString.encode(text, registerCount: 17)) == text)
        }
    }
}
