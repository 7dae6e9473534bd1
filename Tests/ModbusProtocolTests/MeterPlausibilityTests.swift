import Testing

@testable import ModbusProtocol

@Suite struct MeterPlausibilityTests {
    static let healthy: [MeterQuantity: Double?] = [
        .voltageL1: 230.1, .voltageL2: 231, .voltageL3: 229.5, .currentL1: 10.5, .currentL2: 8.25, .currentL3: 0.5,
        .activePowerL1: 2400, .activePowerL2: 1890, .activePowerL3: 110, .totalActivePower: 4400,
        .frequency: 50.02, .importEnergy: 12345.67,
    ]

    static func snapshot(_ preset: MeterPreset, _ changes: [MeterQuantity: Double?] = [:]) throws -> [UInt16: UInt16] {
        try preset.encode(healthy.merging(changes) { _, new in new })
    }

    static func codes(_ findings: [MeterFinding]) -> [String] { findings.map(\.code) }

    @Test(arguments: [MeterPresetTests.countisE27, MeterPresetTests.sdm630])
    func healthyMeterHasNoFindings(preset: MeterPreset) throws {
        #expect(MeterPlausibility.check(preset, snapshot: try Self.snapshot(preset)).isEmpty)
    }

    @Test func voltageAndFrequencyOutOfRangeFail() throws {
        let preset = MeterPresetTests.sdm630
        let findings = MeterPlausibility.check(preset, snapshot: try Self.snapshot(preset, [.voltageL2: 262.4, .frequency: 51.2]))
        #expect(Self.codes(findings) == ["meter.voltage.range", "meter.frequency.range"])
        #expect(findings[0].message == "L2 voltage is 262.4 V, outside 207–253 V")
        #expect(findings.allSatisfy { $0.severity == .fail })
    }

    @Test func missingPhaseAndZeroCurrents() throws {
        let preset = MeterPresetTests.sdm630
        let findings = MeterPlausibility.check(preset, snapshot: try Self.snapshot(preset, [
            .voltageL3: 0, .currentL1: 0, .currentL2: 0, .currentL3: 0,
        ]))
        #expect(Self.codes(findings) == ["meter.phase.missing", "meter.current.zero"])
        #expect(findings.map(\.severity) == [.fail, .warn], "no load is a warning: at night a script must pass")
        #expect(findings[0].message.hasPrefix("phase L3 reads 0 V while L1 voltage reads 230.1 V"))
    }

    @Test func nanIsReportedAsNoValue() throws {
        let preset = MeterPresetTests.sdm630
        let findings = MeterPlausibility.check(preset, snapshot: try Self.snapshot(preset, [.currentL2: nil]))
        #expect(Self.codes(findings) == ["meter.value.nan"])
        #expect(findings[0].message == "L2 current reads no value (NaN or 0xFFFF)")
    }

    /// The rules judge readings whatever read them (issue 15: the station's view over HTTPS has no registers).
    @Test func readingsWithoutAPresetAreJudgedAlike() throws {
        let preset = MeterPresetTests.sdm630
        let decoded = preset.decode(try Self.snapshot(preset, [.voltageL3: 0]))
        #expect(MeterPlausibility.check(decoded) == MeterPlausibility.check(preset, snapshot: try Self.snapshot(preset, [.voltageL3: 0])))

        let reading = { (quantity: MeterQuantity, value: Double?, unit: String) in MeterReading(quantity: quantity, value: value, unit: unit) }
        let dead = MeterReadings(readings: [reading(.voltageL1, 0, "V"), reading(.voltageL2, 0, "V"), reading(.voltageL3, 0, "V"),
                                            reading(.currentL1, 0, "A"), reading(.currentL2, 0, "A")],
                                 missing: [.currentL3])
        let findings = MeterPlausibility.check(dead)
        #expect(Self.codes(findings) == ["meter.value.missing", "meter.voltage.none"],
                "no zero-current warning: one mapped current is missing, not 0 A")
        #expect(findings[0].message == "L3 current is not in the meter's answer")
        #expect(MeterPlausibility.withVerdict(findings) == findings)
        #expect(Self.codes(MeterPlausibility.withVerdict([])) == ["meter.plausible"])
    }

    /// A meter that sends CDAB read as ABCD gives absurd numbers; the hint names the order that fixes them.
    @Test func wrongWordOrderGetsAHint() throws {
        var swapped = MeterPresetTests.sdm630
        swapped.wordOrder = .cdab
        let snapshot = try Self.snapshot(swapped)
        let findings = MeterPlausibility.check(MeterPresetTests.sdm630, snapshot: snapshot)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.hint == "the values are plausible with word order CDAB: try --word-order CDAB" })
        #expect(MeterPlausibility.plausibleWordOrder(MeterPresetTests.sdm630, snapshot: snapshot) == .cdab)
    }

    @Test func identificationByCodeAndText() {
        let eastron = MeterIdentification(table: .holding, address: 0xFC02, registerCount: 1, expectation: .code([0x0084, 0x0200]))
        #expect(eastron.matches([0x0200]))
        #expect(!eastron.matches([0x0089]))
        #expect(eastron.describe([0x0089]) == "0x0089")
        #expect(eastron.expected == "0x0084 or 0x0200")
        let socomec = MeterIdentification(table: .holding, address: 0xC350, registerCount: 4,
                                          expectation: .text(prefix: "SOCO", packing: .onePerRegister))
        #expect(socomec.matches([0x53, 0x4F, 0x43, 0x4F]))
        #expect(!socomec.matches(RegisterString.encode("ABB", registerCount: 4, packing: .onePerRegister)))
        #expect(socomec.read == RegisterRead(table: .holding, address: 0xC350, quantity: 4))
    }
}
