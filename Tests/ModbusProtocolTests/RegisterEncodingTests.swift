import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct RegisterEncodingTests {
    /// 123456.0 as float32 = 0x47F12000, in libmodbus's four orders (ARCHITECTURE.md).
    @Test(arguments: [
        (WordOrder.abcd, [UInt16(0x47F1), 0x2000]),
        (.cdab, [0x2000, 0x47F1]),
        (.badc, [0xF147, 0x0020]),
        (.dcba, [0x0020, 0xF147]),
    ])
    func float32Vector(order: WordOrder, registers: [UInt16]) throws {
        #expect(try RegisterType.float32.decode(registers, order: order) == 123456.0)
        #expect(try RegisterType.float32.encode(123456.0, order: order) == registers)
    }

    /// Integer and 64-bit vectors: the same byte rules applied to every width.
    @Test(arguments: [
        (RegisterType.uint32, WordOrder.abcd, [UInt16(0x1234), 0x5678], 305_419_896.0),
        (.uint32, .cdab, [0x5678, 0x1234], 305_419_896.0),
        (.uint32, .badc, [0x3412, 0x7856], 305_419_896.0),
        (.uint32, .dcba, [0x7856, 0x3412], 305_419_896.0),
        (.int32, .abcd, [0xFFFF, 0xFFFE], -2),
        (.int32, .cdab, [0xFFFE, 0xFFFF], -2),
        (.int16, .abcd, [0xFF38], -200),
        (.int16, .badc, [0x38FF], -200),
        (.uint16, .cdab, [0x00E6], 230),
        (.uint16, .dcba, [0xE600], 230),
        (.uint64, .abcd, [0x0001, 0x0203, 0x0405, 0x0607], 0x0001_0203_0405_0607),
        (.uint64, .cdab, [0x0607, 0x0405, 0x0203, 0x0001], 0x0001_0203_0405_0607),
        (.uint64, .badc, [0x0100, 0x0302, 0x0504, 0x0706], 0x0001_0203_0405_0607),
        (.uint64, .dcba, [0x0706, 0x0504, 0x0302, 0x0100], 0x0001_0203_0405_0607),
        (.int64, .abcd, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE], -2),
        (.float64, .abcd, [0x3FF0, 0, 0, 0], 1.0),
        (.float64, .cdab, [0, 0, 0, 0x3FF0], 1.0),
        (.float64, .badc, [0xF03F, 0, 0, 0], 1.0),
        (.float64, .dcba, [0, 0, 0, 0xF03F], 1.0),
        (.float32, .abcd, [0xC2C8, 0x0000], -100.0),
    ])
    func typedVectors(type: RegisterType, order: WordOrder, registers: [UInt16], value: Double) throws {
        #expect(try type.decode(registers, order: order) == value)
        #expect(try type.encode(value, order: order) == registers)
    }

    @Test(arguments: RegisterType.allCases)
    func allOnesIsNoValue(type: RegisterType) throws {
        for order in WordOrder.allCases {
            let run = Array(repeating: UInt16(0xFFFF), count: type.registerCount)
            #expect(try type.decode(run, order: order) == nil)
            #expect(try type.encode(nil, order: order) == run)
        }
    }

    @Test func floatNaNIsNoValue() throws {
        #expect(try RegisterType.float32.decode([0x7FC0, 0x0000], order: .abcd) == nil)
        #expect(try RegisterType.float32.decode([0x0000, 0x7FC0], order: .cdab) == nil)
        #expect(try RegisterType.float64.decode([0x7FF8, 0, 0, 1], order: .abcd) == nil)
        #expect(try RegisterType.float32.encode(.nan, order: .abcd) == [0xFFFF, 0xFFFF])
        #expect(try RegisterType.float32.decode([0x7F80, 0x0000], order: .abcd) == .infinity)
    }

    @Test func wrongRegisterCountsAreTypedErrors() {
        #expect(throws: RegisterEncodingError.registerCount(type: .float32, expected: 2, received: 1)) {
            try RegisterType.float32.decode([0x47F1], order: .abcd)
        }
        #expect(throws: RegisterEncodingError.registerCount(type: .int16, expected: 1, received: 0)) {
            try RegisterType.int16.decode([], order: .abcd)
        }
        #expect(throws: RegisterEncodingError.registerCount(type: .uint64, expected: 4, received: 5)) {
            try RegisterType.uint64.decode([1, 2, 3, 4, 5], order: .abcd)
        }
    }

    @Test(arguments: [
        (RegisterType.int16, 32768.0), (.int16, -32769), (.uint16, -1), (.uint16, 65536), (.int32, 3e9),
        (.uint32, -0.6), (.uint64, 2e19), (.int64, 1e19), (.int32, .infinity), (.uint16, .nan), (.float32, 1e39),
    ])
    func outOfRangeValuesAreRefused(type: RegisterType, value: Double) {
        #expect(throws: RegisterEncodingError.self) { try type.encode(value, order: .abcd) }
    }

    @Test func integersRoundToNearest() throws {
        #expect(try RegisterType.uint16.encode(229.5, order: .abcd) == [230])
        #expect(try RegisterType.int16.encode(-0.4, order: .abcd) == [0])
        #expect(try RegisterType.uint32.encode(-0.4, order: .abcd) == [0, 0])
    }

    /// Random bit patterns decode and encode back to the same registers, in every order.
    @Test(arguments: RegisterType.allCases)
    func randomRegistersRoundTrip(type: RegisterType) throws {
        var rng = SplitMix64(seed: UInt64(type.registerCount) &* 7919 &+ UInt64(type.rawValue.utf8.count))
        var checked = 0
        for _ in 0..<4000 {
            var registers = rng.registers(type.registerCount)
            if type == .int64 || type == .uint64 {
                // Keep within ±2^53 so the Double in between is exact.
                let limit: Int64 = 1 << 53
                let value = Int64.random(in: (type == .int64 ? -limit : 0)...limit, using: &rng)
                let bits = UInt64(bitPattern: value)
                registers = (0..<4).reversed().map { UInt16(truncatingIfNeeded: bits >> (16 * UInt64($0))) }
            }
            for order in WordOrder.allCases {
                let wire = order.arrange(registers)
                guard let value = try type.decode(wire, order: order) else { continue }
                #expect(try type.encode(value, order: order) == wire, "\(type) \(order) \(registers)")
                checked += 1
            }
        }
        #expect(checked > 15000)
    }

    @Test func wordOrderNames() {
        #expect(WordOrder.allCases.map(\.rawValue) == ["ABCD", "CDAB", "BADC", "DCBA"])
        #expect(WordOrder(rawValue: "CDAB") == .cdab)
        #expect(WordOrder(rawValue: "cdab") == nil)
    }
}
