import AllocationCore
import ChargeIO
import ModbusProtocol

/// A simulated station's Modbus TCP registers (alfen-station.md §1.3–§1.5): station block at unit 200, socket
/// blocks at units 1 and 2, as a pure function of `StationRegisterInput`. Every register of each documented block
/// exists, so the reads `station status` makes (AlfenStationMap) succeed whole.
public enum StationRegisters {
    public static let setpointAddress: UInt16 = 1210
    /// SCN set points L1/L2/L3 (FLOAT32 each).
    public static let scnSetpointAddresses: [UInt16] = [1417, 1419, 1421]
    static let volts = 230.0

    public static func bank(_ input: StationRegisterInput) -> RegisterBank {
        var bank = RegisterBank()
        bank.store(stationUnit(input), in: .holding, unit: AlfenStationMap.stationUnit)
        for connector in 1...max(1, min(2, input.identity.sockets)) {
            bank.store(socketUnit(input, connector: connector), in: .holding, unit: UInt8(connector))
        }
        return bank
    }

    static func stationUnit(_ input: StationRegisterInput) -> [UInt16: UInt16] {
        var r = Registers()
        let identity = input.identity
        r.text(100, 17, identity.identity)
        r.text(117, 5, "Alfen NV")
        r.put(122, [1])
        r.text(123, 17, identity.firmware)
        r.text(140, 17, String(identity.model.prefix(5)))
        r.text(157, 11, identity.identity)
        r.put(168, [2026, 1, 1, 0, 0, 0])
        r.value(174, .uint64, (input.time * 1000).rounded(.down))
        r.put(178, [0])
        r.float(1100, activeMaxCurrent(input))
        r.float(1102, 25)
        r.put(1104, [input.ocppConnected ? 1 : 0])
        r.put(1105, [UInt16(identity.sockets)])
        // SCN block 1400...1431.
        r.text(1400, 4, input.config.effectiveValue("SCN-NetworkName") ?? "")
        r.put(1404, [UInt16(clamping: Int(input.amps("SCN-SocketCount", default: 0)))])
        let validity = input.validity
        for (index, phase) in Phase.allCases.enumerated() {
            let address = scnSetpointAddresses[index]
            let setpoint = input.setpoints.setpoint(unit: AlfenStationMap.stationUnit, address: address, at: input.time, validity: validity)
            let available = input.scnAvailable[phase]
            r.float(1405 + UInt16(2 * index), input.scnLoad[phase])
            r.float(1411 + UInt16(2 * index), setpoint.valid ? min(available, setpoint.value) : available)
            r.float(address, setpoint.value)
            r.value(1423 + UInt16(2 * index), .uint32,
                    Double(input.setpoints.remaining(unit: AlfenStationMap.stationUnit, address: address, at: input.time, validity: validity)))
        }
        r.float(1429, input.amps("SCN-SocketSafeCurrent", default: 6))
        r.put(1431, [input.config.effectiveValue("MbsSlaveTCPIP")?.lowercased() == "on" ? 1 : 0])
        return r.registers
    }

    static func socketUnit(_ input: StationRegisterInput, connector: Int) -> [UInt16: UInt16] {
        var r = Registers()
        let share = connector <= input.sockets.count ? input.sockets[connector - 1] : .idle
        let state = input.socketState(connector)
        var currents = PhaseCurrents.zero
        for phase in share.phases { currents[phase] = state.current }
        // Meter block 300...425: state, age, type, then FLOAT32 values and FLOAT64 energies.
        r.put(300, [0x03])
        r.value(301, .uint64, 0)
        r.put(305, [4])
        for (index, phase) in Phase.allCases.enumerated() {
            let offset = UInt16(2 * index)
            r.float(306 + offset, volts)
            r.float(312 + offset, 400)
            r.float(320 + offset, currents[phase])
            r.float(328 + offset, 1)
            r.float(338 + offset, currents[phase] * volts)
            r.float(346 + offset, currents[phase] * volts)
            r.float(354 + offset, 0)
        }
        let sum = currents.l1 + currents.l2 + currents.l3
        r.float(318, 0)
        r.float(326, sum)
        r.float(334, 1)
        r.float(336, 50)
        r.float(344, sum * volts)
        r.float(352, sum * volts)
        r.float(360, 0)
        let energy = connector <= input.socketEnergyWh.count ? input.socketEnergyWh[connector - 1] : 0
        for address in stride(from: UInt16(362), through: 422, by: 4) {
            let total = address == 374 || address == 406
            r.value(address, .float64, total ? energy : 0)
        }
        // Status and control 1200...1215.
        r.put(1200, [1])
        r.text(1201, 5, mode3(share.state))
        r.float(1206, state.applied)
        let validity = input.validity
        r.value(1208, .uint32, Double(input.setpoints.remaining(unit: UInt8(connector), address: setpointAddress, at: input.time, validity: validity)))
        r.float(setpointAddress, input.setpoints.setpoint(unit: UInt8(connector), address: setpointAddress, at: input.time, validity: validity).value)
        r.float(1212, input.amps("Safe-MaxCurrent", default: 6))
        r.put(1214, [state.setpointBinds ? 1 : 0])
        r.put(1215, [UInt16(max(1, share.phases.count == 1 ? 1 : 3))])
        return r.registers
    }

    /// IEC 61851 state (alfen-station.md §1.5): no EV A; drawing C2; paused by the station B1 (no PWM: it offers no
    /// current, as a real station does while an EV waits its turn); done B2 (current offered, the EV takes none).
    public static func mode3(_ state: SocketState) -> String {
        switch state {
        case .idle: "A"
        case .probing, .charging, .safe: "C2"
        case .paused: "B1"
        case .finished: "B2"
        }
    }

    /// Register 1100, the station's active maximum (issue 16): what the allocation gives it now — its sockets'
    /// applied currents on its busiest phase — not `Station-MaxCurrent`. With no EV plugged in, what it could have:
    /// the SCN's available current, capped by its own maximum.
    static func activeMaxCurrent(_ input: StationRegisterInput) -> Double {
        let stationMax = input.amps("Station-MaxCurrent", default: 32)
        let occupied = input.sockets.contains { ![.idle, .finished].contains($0.state) }
        guard occupied else {
            let available = max(input.scnAvailable.l1, input.scnAvailable.l2, input.scnAvailable.l3)
            return available > 0 ? min(stationMax, available) : stationMax
        }
        var perPhase = PhaseCurrents.zero
        for (offset, share) in input.sockets.enumerated() {
            let current = input.socketState(offset + 1).current
            for phase in share.phases { perPhase[phase] += current }
        }
        return min(stationMax, max(perPhase.l1, perPhase.l2, perPhase.l3))
    }
}

/// Builds one unit's register map; values that cannot be encoded read as "no value" (0xFFFF).
struct Registers {
    var registers: [UInt16: UInt16] = [:]

    mutating func put(_ address: UInt16, _ words: [UInt16]) {
        for (offset, word) in words.enumerated() { registers[address &+ UInt16(offset)] = word }
    }

    mutating func text(_ address: UInt16, _ count: Int, _ text: String) {
        put(address, RegisterString.encode(text, registerCount: count))
    }

    mutating func float(_ address: UInt16, _ value: Double) { self.value(address, .float32, value) }

    mutating func value(_ address: UInt16, _ type: RegisterType, _ value: Double) {
        put(address, (try? type.encode(value, order: .abcd)) ?? Array(repeating: 0xFFFF, count: type.registerCount))
    }
}
