import AllocationCore
import ChargeIO
import ModbusProtocol
import OCPP16
import Testing
@testable import VirtualSite

@Suite struct StationRegistersTests {
    static func input(_ state: SocketState = .charging, current: Double = 16, setpoints: Setpoints = Setpoints(),
                      time: Double = 0, store: StationConfigStore = StationConfigStore(identity: Fixtures.single)) -> StationRegisterInput {
        StationRegisterInput(identity: Fixtures.single, config: store,
                             sockets: [SocketAllocation(state: state, current: current, phases: [.l1, .l2, .l3])],
                             socketEnergyWh: [1500], scnLoad: PhaseCurrents.uniform(current), scnAvailable: .uniform(40),
                             setpoints: setpoints, time: time)
    }

    static func read(_ bank: RegisterBank, unit: UInt8, _ field: AlfenStationMap.Field) -> [UInt16: UInt16] {
        bank.registers(in: .holding, unit: unit)
    }

    @Test func everyDocumentedBlockReadsWhole() {
        let bank = StationRegisters.bank(Self.input())
        for block in [AlfenStationMap.identity, AlfenStationMap.status, AlfenStationMap.scn] {
            #expect(bank.read(block.address, count: Int(block.quantity), in: .holding, unit: 200) != nil)
        }
        for block in [AlfenStationMap.socketMeter, AlfenStationMap.socketStatus] {
            #expect(bank.read(block.address, count: Int(block.quantity), in: .holding, unit: 1) != nil)
        }
        #expect(bank.read(300, count: 126, in: .holding, unit: 1) != nil)
        #expect(!bank.unitIDs.contains(2))
    }

    @Test func identityAndSocketState() {
        let bank = StationRegisters.bank(Self.input())
        let station = bank.registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.name.text(station) == "ACE0001234")
        #expect(AlfenStationMap.manufacturer.text(station) == "Alfen NV")
        #expect(AlfenStationMap.firmware.text(station) == VirtualStationIdentity.defaultFirmware)
        #expect(AlfenStationMap.socketCount.uint(station) == 1)
        let socket = bank.registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.mode3.text(socket) == "C2")
        #expect(AlfenStationMap.current.map { $0.float(socket) } == [16, 16, 16])
        #expect(AlfenStationMap.appliedMaxCurrent.float(socket) == 16)
        #expect(AlfenStationMap.setpoint.float(socket) == 0)
        #expect(AlfenStationMap.validityRemaining.uint(socket) == 0)
    }

    @Test func idleSocketDrawsNothing() {
        let socket = StationRegisters.bank(Self.input(.idle, current: 0)).registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.mode3.text(socket) == "A")
        #expect(AlfenStationMap.current.map { $0.float(socket) } == [0, 0, 0])
        #expect(AlfenStationMap.appliedMaxCurrent.float(socket) == 32)
    }

    @Test func setpointCountsDownAndLapses() {
        var setpoints = Setpoints()
        setpoints.record(10, unit: 1, address: 1210, at: 100)
        let during = StationRegisters.bank(Self.input(setpoints: setpoints, time: 120)).registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.setpoint.float(during) == 10)
        #expect(AlfenStationMap.validityRemaining.uint(during) == 40)
        #expect(AlfenStationMap.appliedMaxCurrent.float(during) == 10)
        #expect(AlfenStationMap.current[0].float(during) == 10)
        #expect(during[1214] == 1)
        let after = StationRegisters.bank(Self.input(setpoints: setpoints, time: 161)).registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.validityRemaining.uint(after) == 0)
        #expect(AlfenStationMap.appliedMaxCurrent.float(after) == 16)
        #expect(after[1214] == 0)
    }

    @Test func validityTimeComesFromTheConfiguration() {
        var store = StationConfigStore(identity: Fixtures.single)
        _ = store.changeConfiguration(ChangeConfiguration.Request(key: "MbsSlaveTCPIPValidityTime", value: "10"))
        var setpoints = Setpoints()
        setpoints.record(8, unit: 1, address: 1210, at: 0)
        let socket = StationRegisters.bank(Self.input(setpoints: setpoints, time: 4, store: store)).registers(in: .holding, unit: 1)
        #expect(AlfenStationMap.validityRemaining.uint(socket) == 6)
    }

    @Test func scnBlockFollowsEffectiveConfiguration() {
        var store = StationConfigStore(identity: Fixtures.single)
        _ = store.changeConfiguration(ChangeConfiguration.Request(key: "SCN-NetworkName", value: "DEMO1"))
        let before = StationRegisters.bank(Self.input(store: store)).registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.scnName.text(before) == "")
        store.reboot()
        let after = StationRegisters.bank(Self.input(store: store)).registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.scnName.text(after) == "DEMO1")
        #expect(AlfenStationMap.scnConsumption.map { $0.float(after) } == [16, 16, 16])
        #expect(AlfenStationMap.scnMaxCurrent.map { $0.float(after) } == [40, 40, 40])
    }

    @Test func scnSetpointCapsTheSCNMaximum() {
        var setpoints = Setpoints()
        setpoints.record(20, unit: 200, address: 1419, at: 0)
        let station = StationRegisters.bank(Self.input(setpoints: setpoints, time: 1)).registers(in: .holding, unit: 200)
        #expect(AlfenStationMap.scnMaxCurrent.map { $0.float(station) } == [40, 20, 40])
    }

    @Test func doubleStationHasTwoSocketUnits() {
        let input = StationRegisterInput(identity: Fixtures.double, config: StationConfigStore(identity: Fixtures.double),
                                         sockets: [.idle, SocketAllocation(state: .charging, current: 10, phases: [.l2])])
        let bank = StationRegisters.bank(input)
        #expect(bank.unitIDs == [1, 2, 200])
        let second = bank.registers(in: .holding, unit: 2)
        #expect(AlfenStationMap.current.map { $0.float(second) } == [0, 10, 0])
        #expect(second[1215] == 1)
    }
}

@Suite struct MeterRegistersTests {
    @Test func socomecReadsBackThroughItsPreset() throws {
        let entry = try MeterPresetCatalog.builtIn().entry(named: "socomec-countis-e27")
        let registers = MeterRegisters.registers(entry, currents: PhaseCurrents(l1: 12.5, l2: 3, l3: 0), energyKWh: 42.25)
        let decoded = entry.preset.decode(registers)
        let values = Dictionary(uniqueKeysWithValues: decoded.readings.map { ($0.quantity, $0.value) })
        #expect(values[.currentL1] == 12.5)
        #expect(values[.currentL2] == 3)
        #expect(values[.voltageL1] == 230)
        // 12.5 A × 230 V = 2875 W, stored in the preset's 10 W steps.
        #expect(values[.activePowerL1] == 2880)
        #expect(values[.importEnergy] == 42.25)
        #expect(values[.frequency] == 50)
        if let identification = entry.identification {
            let words = (0..<identification.registerCount).compactMap { registers[identification.address + UInt16($0)] }
            #expect(identification.matches(words))
        }
    }

    @Test func timelineFeedsTheMeter() throws {
        let timeline = try SiteTimeline(site: Fixtures.oneStationSite(), scenario: Fixtures.chargingScenario)
        let without = timeline.meterCurrents(at: 600, includesChargers: false)
        #expect(without == PhaseCurrents(l1: 5, l2: 4, l3: 3))
        let with = timeline.meterCurrents(at: 600, includesChargers: true)
        #expect(with.l1 > without.l1)
        #expect(timeline.meterEnergyKWh(at: 3600, includesChargers: false) > 2.7)
        #expect(timeline.meterEnergyKWh(at: 3600, includesChargers: false) < 2.8)
    }
}
