import TestRandom
import Testing

@testable import ModbusProtocol

@Suite struct MeterPresetTests {
    /// Socomec Countis E27 facts from meter-registers.md §2.3/§2.4 (FC 3, fixed point, MSW first, unit 5).
    static let countisE27 = MeterPreset(
        model: "Socomec Countis E27", transports: [.tcp], defaultUnitID: 5, defaultPort: 502, table: .holding,
        wordOrder: .abcd,
        quantities: [
            .voltageL1: .init(address: 0xC558, type: .uint32, scale: 0.01, unit: "V"),
            .voltageL2: .init(address: 0xC55A, type: .uint32, scale: 0.01, unit: "V"),
            .voltageL3: .init(address: 0xC55C, type: .uint32, scale: 0.01, unit: "V"),
            .frequency: .init(address: 0xC55E, type: .uint32, scale: 0.001, unit: "Hz"),
            .currentL1: .init(address: 0xC560, type: .uint32, scale: 0.001, unit: "A"),
            .currentL2: .init(address: 0xC562, type: .uint32, scale: 0.001, unit: "A"),
            .currentL3: .init(address: 0xC564, type: .uint32, scale: 0.001, unit: "A"),
            .totalActivePower: .init(address: 0xC568, type: .int32, scale: 10, unit: "W"),
            .activePowerL1: .init(address: 0xC570, type: .int32, scale: 10, unit: "W"),
            .activePowerL2: .init(address: 0xC572, type: .int32, scale: 10, unit: "W"),
            .activePowerL3: .init(address: 0xC574, type: .int32, scale: 10, unit: "W"),
            .importEnergy: .init(address: 0xC702, type: .uint32, scale: 0.01, unit: "kWh"),
        ])

    /// Eastron SDM630 facts from meter-registers.md §3 (FC 4, float32, MSW first, unit 1, 9600 8N1).
    static let sdm630 = MeterPreset(
        model: "Eastron SDM630", transports: [.rtu], defaultUnitID: 1,
        serial: .init(baudRate: 9600), table: .input, wordOrder: .abcd,
        quantities: [
            .voltageL1: .init(address: 0x0000, type: .float32, unit: "V"),
            .voltageL2: .init(address: 0x0002, type: .float32, unit: "V"),
            .voltageL3: .init(address: 0x0004, type: .float32, unit: "V"),
            .currentL1: .init(address: 0x0006, type: .float32, unit: "A"),
            .currentL2: .init(address: 0x0008, type: .float32, unit: "A"),
            .currentL3: .init(address: 0x000A, type: .float32, unit: "A"),
            .activePowerL1: .init(address: 0x000C, type: .float32, unit: "W"),
            .activePowerL2: .init(address: 0x000E, type: .float32, unit: "W"),
            .activePowerL3: .init(address: 0x0010, type: .float32, unit: "W"),
            .totalActivePower: .init(address: 0x0034, type: .float32, unit: "W"),
            .frequency: .init(address: 0x0046, type: .float32, unit: "Hz"),
            .importEnergy: .init(address: 0x0048, type: .float32, unit: "kWh"),
        ])

    @Test func shippedStylePresetsAreValid() {
        #expect(Self.countisE27.validate() == [])
        #expect(Self.sdm630.validate() == [])
    }

    @Test func readPlanMergesNearbyRanges() {
        #expect(Self.countisE27.readPlan() == [
            RegisterRead(table: .holding, address: 0xC558, quantity: 30),
            RegisterRead(table: .holding, address: 0xC702, quantity: 2),
        ])
        #expect(Self.sdm630.readPlan() == [
            RegisterRead(table: .input, address: 0, quantity: 18),
            RegisterRead(table: .input, address: 0x34, quantity: 22),
        ])
        #expect(Self.sdm630.readPlan(maximumGap: 15) == [
            RegisterRead(table: .input, address: 0, quantity: 18),
            RegisterRead(table: .input, address: 0x34, quantity: 2),
            RegisterRead(table: .input, address: 0x46, quantity: 4),
        ])
        #expect(Self.sdm630.readPlan(maximumGap: 40) == [RegisterRead(table: .input, address: 0, quantity: 0x4A)])
        #expect(Self.sdm630.readPlan(maximumQuantity: 8, maximumGap: 0) == [
            RegisterRead(table: .input, address: 0, quantity: 8), RegisterRead(table: .input, address: 8, quantity: 8),
            RegisterRead(table: .input, address: 16, quantity: 2), RegisterRead(table: .input, address: 0x34, quantity: 2),
            RegisterRead(table: .input, address: 0x46, quantity: 4),
        ])
        #expect(Self.sdm630.readPlan().map(\.request).first == .readInputRegisters(address: 0, quantity: 18))
    }

    @Test func decodesWhatTheSimulatorEncodes() throws {
        let values: [MeterQuantity: Double?] = [
            .voltageL1: 230.12, .voltageL2: 231, .voltageL3: nil, .frequency: 49.987, .currentL1: 15.5,
            .currentL2: 0, .currentL3: 16.001, .totalActivePower: -1230, .activePowerL1: 3560, .activePowerL2: 0,
            .activePowerL3: -4790, .importEnergy: 12345.67,
        ]
        let registers = try Self.countisE27.encode(values)
        var snapshot: [UInt16: UInt16] = [:]
        for read in Self.countisE27.readPlan() {
            let words = (0..<Int(read.quantity)).map { registers[read.address + UInt16($0)] ?? 0 }
            read.store(words, into: &snapshot)
        }
        let readings = Self.countisE27.decode(snapshot)
        #expect(readings.missing == [])
        #expect(readings.readings.map(\.quantity) == MeterQuantity.allCases.filter { Self.countisE27.quantities[$0] != nil })
        for (quantity, value) in values {
            let decoded = readings[quantity]
            if let value { #expect(abs((decoded ?? .nan) - value) < 1e-6, "\(quantity)") } else { #expect(decoded == nil) }
        }
        #expect(readings.readings.first { $0.quantity == .frequency }?.unit == "Hz")
    }

    @Test func float32MeterThroughABank() throws {
        var bank = RegisterBank()
        var values: [MeterQuantity: Double?] = [:]
        for quantity in Self.sdm630.quantities.keys { values[quantity] = 230 }
        values[.currentL1] = 123456.0
        values[.frequency] = 50
        values[.importEnergy] = .some(nil)
        values[.totalActivePower] = nil
        bank.store(try Self.sdm630.encode(values), in: .input, unit: 1)
        #expect(bank.register(6, in: .input, unit: 1) == 0x47F1)
        #expect(bank.register(7, in: .input, unit: 1) == 0x2000)
        #expect(bank.register(0x48, in: .input, unit: 1) == 0xFFFF)
        var snapshot: [UInt16: UInt16] = [:]
        let plan = Self.sdm630.readPlan(maximumGap: 0)
        #expect(plan.count == 3)
        for read in plan {
            if case .respond(.readInputRegisters(let words)) = bank.handle(read.request, unit: 1) {
                read.store(words, into: &snapshot)
            }
        }
        let readings = Self.sdm630.decode(snapshot)
        #expect(readings[.currentL1] == 123456.0)
        #expect(readings[.frequency] == 50)
        #expect(readings[.voltageL3] == 230)
        #expect(readings.readings.contains(MeterReading(quantity: .importEnergy, value: nil, unit: "kWh")))
        #expect(readings.missing == [.totalActivePower], "its registers are absent, so the bank refused that read")
    }

    @Test func validationReportsEveryIssue() {
        var preset = Self.sdm630
        preset.model = ""
        preset.defaultUnitID = 0
        preset.serial = nil
        preset.transports = [.tcp, .rtu]
        preset.quantities[.totalApparentPower] = .init(address: 0x0003, type: .float32, unit: "VA")
        preset.quantities[.totalReactivePower] = .init(address: 0xFFFE, type: .float64, scale: 0, unit: "")
        #expect(preset.validate() == [
            .emptyModel, .missingPort, .missingSerialSettings, .rtuUnitID(0),
            .overlap(.voltageL2, .totalApparentPower),
            .overlap(.voltageL3, .totalApparentPower),
            .beyondAddressSpace(.totalReactivePower, address: 0xFFFE, type: .float64),
            .invalidScale(.totalReactivePower, 0), .emptyUnit(.totalReactivePower),
        ])
        preset.quantities = [:]
        preset.transports = []
        #expect(preset.validate() == [.emptyModel, .noTransports, .noQuantities])
        #expect(MeterPresetIssue.overlap(.voltageL2, .totalApparentPower).description
            == "voltageL2 and totalApparentPower share registers")
    }

    /// Random maps: the plan covers every quantity, stays within limits and never reads a register twice.
    @Test func randomPlansCoverEveryQuantity() {
        var rng = SplitMix64(seed: 630)
        for _ in 0..<500 {
            var quantities: [MeterQuantity: QuantityRegister] = [:]
            let base = Int.random(in: 0...0xFF00, using: &rng)
            for quantity in MeterQuantity.allCases where Bool.random(using: &rng) {
                let type = RegisterType.allCases.randomElement(using: &rng) ?? .uint16
                let address = min(base + Int.random(in: 0...400, using: &rng), 0x10000 - type.registerCount)
                quantities[quantity] = QuantityRegister(address: UInt16(address), type: type, unit: "W")
            }
            let preset = MeterPreset(model: "random", transports: [.tcp], defaultUnitID: 1, defaultPort: 502,
                table: .holding, wordOrder: .cdab, quantities: quantities)
            let limit = Int.random(in: 4...125, using: &rng)
            let plan = preset.readPlan(maximumQuantity: limit, maximumGap: .random(in: 0...30, using: &rng))
            let ranges = plan.map { Int($0.address)..<(Int($0.address) + Int($0.quantity)) }
            #expect(ranges.allSatisfy { $0.count <= limit && $0.upperBound <= 0x10000 })
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
            for register in quantities.values {
                #expect(ranges.contains { $0.contains(register.addressRange.lowerBound)
                    && $0.contains(register.addressRange.upperBound - 1) })
            }
        }
    }

    @Test func optionalQuantities() {
        #expect(MeterQuantity.allCases.filter(\.isOptional).count == 8)
        #expect(!MeterQuantity.importEnergy.isOptional)
        #expect(MeterQuantity(rawValue: "activePowerL3") == .activePowerL3)
    }
}
