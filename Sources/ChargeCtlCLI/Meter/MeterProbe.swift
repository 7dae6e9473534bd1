import ChargeIO
import ModbusProtocol

/// One reading of a meter and its judgement: read the preset's plan (act), then decode and check (pure).
struct MeterProbe {
    let entry: MeterPresetEntry
    let catalog: MeterPresetCatalog
    let connection: any ModbusConnection
    let unit: UInt8

    struct Result {
        var readings: MeterReadings
        var findings: [MeterFinding]
    }

    /// Measurements first: a unit that does not answer is an error (exit 3), not a finding. The identification
    /// read comes after, and its failure is only a warning (many meters lack the block).
    func run(identify: Bool) async throws(ModbusClientError) -> Result {
        let snapshot = try await connection.read(entry.readPlan, unit: unit)
        var findings = MeterPlausibility.check(entry.preset, snapshot: snapshot)
        if identify, let identification = entry.identification {
            findings.insert(contentsOf: await self.identify(identification), at: 0)
        }
        return Result(readings: entry.preset.decode(snapshot), findings: MeterPlausibility.withVerdict(findings))
    }

    /// SPEC §1: the wrong meter model where the preset can identify it (Eastron 0xFC02, Socomec 0xC350 "SOCO").
    func identify(_ identification: MeterIdentification) async -> [MeterFinding] {
        let registers: [UInt16]
        do {
            registers = try await connection.readRegisters(identification.table, address: identification.address,
                                                           count: identification.registerCount, unit: unit)
        } catch {
            return [.init(.warn, "meter.model.unverified",
                          "the meter did not answer the identification register \(Self.hex(identification.address))",
                          hint: "the model could not be checked; make sure the meter is a \(entry.preset.model)")]
        }
        if identification.matches(registers) {
            return [.init(.pass, "meter.model", "the meter identifies as \(entry.preset.model) (\(identification.describe(registers)))", hint: "")]
        }
        let match = catalog.sorted.first { other in
            other.name != entry.name && other.identification.map { $0.readsSameBlock(as: identification) && $0.matches(registers) } == true
        }
        return [.init(.fail, "meter.model.mismatch",
                      "the meter answers \(identification.describe(registers)) at \(Self.hex(identification.address)), "
                        + "not \(identification.expected) (\(entry.preset.model))",
                      hint: match.map { "this looks like a \($0.preset.model): use --preset \($0.name)" }
                        ?? "check the meter's model and choose the matching preset (chargectl meter presets)")]
    }

    static func hex(_ value: UInt16) -> String { CommandFailure.hex(value) }
}
