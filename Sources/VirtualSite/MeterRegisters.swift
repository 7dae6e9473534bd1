import AllocationCore
import ChargeIO
import ModbusProtocol

/// A simulated meter's registers for a preset (SPEC §2 presets; default the Socomec Countis E27): per-phase
/// currents at 230 V and unity power factor, 50 Hz, the energy so far, and the preset's identification block.
/// Pure.
public enum MeterRegisters {
    public static func values(currents: PhaseCurrents, energyKWh: Double) -> [MeterQuantity: Double?] {
        let volts = 230.0
        var values: [MeterQuantity: Double?] = [
            .frequency: 50, .importEnergy: energyKWh,
            .totalActivePower: (currents.l1 + currents.l2 + currents.l3) * volts,
            .totalApparentPower: (currents.l1 + currents.l2 + currents.l3) * volts, .totalReactivePower: 0,
        ]
        let perPhase: [(Phase, MeterQuantity, MeterQuantity, MeterQuantity, MeterQuantity, MeterQuantity)] = [
            (.l1, .currentL1, .voltageL1, .activePowerL1, .apparentPowerL1, .reactivePowerL1),
            (.l2, .currentL2, .voltageL2, .activePowerL2, .apparentPowerL2, .reactivePowerL2),
            (.l3, .currentL3, .voltageL3, .activePowerL3, .apparentPowerL3, .reactivePowerL3),
        ]
        for (phase, current, voltage, active, apparent, reactive) in perPhase {
            values[current] = currents[phase]
            values[voltage] = volts
            values[active] = currents[phase] * volts
            values[apparent] = currents[phase] * volts
            values[reactive] = 0
        }
        return values
    }

    /// The registers of `entry` at the given readings, in the preset's table; a preset whose units are not the
    /// product's (Wh rather than kWh, say) is scaled through its own factor only, so prefer kWh/A/V/W presets.
    public static func registers(_ entry: MeterPresetEntry, currents: PhaseCurrents, energyKWh: Double) -> [UInt16: UInt16] {
        var values = values(currents: currents, energyKWh: energyKWh)
        if entry.preset.quantities[.importEnergy]?.unit.lowercased() == "wh" { values[.importEnergy] = energyKWh * 1000 }
        // A real meter answers every register inside the reads a client plans (the gaps read as zero), so the
        // simulation fills the read plan's spans before the mapped quantities.
        var registers: [UInt16: UInt16] = [:]
        for read in entry.readPlan {
            for offset in 0..<Int(read.quantity) where Int(read.address) + offset <= 0xFFFF {
                registers[UInt16(Int(read.address) + offset)] = 0
            }
        }
        registers.merge((try? entry.preset.encode(values)) ?? [:]) { _, value in value }
        if let identification = entry.identification, identification.table == entry.preset.table,
           case .text(let prefix, let packing) = identification.expectation {
            let words = RegisterString.encode(prefix, registerCount: identification.registerCount, packing: packing)
            for (offset, word) in words.enumerated() { registers[identification.address &+ UInt16(offset)] = word }
        }
        return registers
    }

    public static func bank(_ entry: MeterPresetEntry, unit: UInt8, currents: PhaseCurrents, energyKWh: Double) -> RegisterBank {
        var bank = RegisterBank()
        bank.addUnit(unit)
        bank.store(registers(entry, currents: currents, energyKWh: energyKWh), in: entry.preset.table, unit: unit)
        if let identification = entry.identification, identification.table != entry.preset.table,
           case .text(let prefix, let packing) = identification.expectation {
            bank.store(Dictionary(uniqueKeysWithValues: RegisterString.encode(prefix, registerCount: identification.registerCount, packing: packing)
                .enumerated().map { (identification.address &+ UInt16($0.offset), $0.element) }), in: identification.table, unit: unit)
        }
        return bank
    }
}
