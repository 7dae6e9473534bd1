import ModbusProtocol

/// The Alfen NG9xx Modbus TCP server's register map (alfen-station.md §1): station data at unit 200, sockets at
/// units 1 and 2. Addresses are PDU addresses. Big-endian, high word first; unavailable registers read 0xFFFF.
/// Each block is one read of at most 125 registers. Shared by `station status` and the simulator.
public enum AlfenStationMap {
    public static let stationUnit: UInt8 = 200
    public static let socketUnits: [UInt8] = [1, 2]

    /// Identity block 100...178: name, manufacturer, table version, firmware, platform, serial, clock.
    public static let identity = RegisterRead(table: .holding, address: 100, quantity: 79)
    public static let name = Field(address: 100, count: 17)
    public static let manufacturer = Field(address: 117, count: 5)
    public static let firmware = Field(address: 123, count: 17)
    public static let platform = Field(address: 140, count: 17)
    public static let serial = Field(address: 157, count: 11)

    /// Status block 1100...1105: active max current, temperature, OCPP state, socket count.
    public static let status = RegisterRead(table: .holding, address: 1100, quantity: 6)
    public static let activeMaxCurrent = Field(address: 1100, count: 2)
    public static let temperature = Field(address: 1102, count: 2)
    /// Read first: unit 2 does not answer on a single-socket station (alfen-station.md §1.3).
    public static let socketCount = Field(address: 1105, count: 1)

    /// SCN block 1400...1431.
    public static let scn = RegisterRead(table: .holding, address: 1400, quantity: 32)
    public static let scnName = Field(address: 1400, count: 4)
    public static let scnSockets = Field(address: 1404, count: 1)
    public static let scnConsumption = [Field(address: 1405, count: 2), Field(address: 1407, count: 2), Field(address: 1409, count: 2)]
    public static let scnMaxCurrent = [Field(address: 1411, count: 2), Field(address: 1413, count: 2), Field(address: 1415, count: 2)]

    /// Socket meter values 306...345 (voltages, currents, real power sum); the full block 300...425 is 126
    /// registers, more than one read may ask for.
    public static let socketMeter = RegisterRead(table: .holding, address: 306, quantity: 40)
    public static let voltage = [Field(address: 306, count: 2), Field(address: 308, count: 2), Field(address: 310, count: 2)]
    public static let current = [Field(address: 320, count: 2), Field(address: 322, count: 2), Field(address: 324, count: 2)]
    public static let powerSum = Field(address: 344, count: 2)

    /// Socket status and control 1200...1215.
    public static let socketStatus = RegisterRead(table: .holding, address: 1200, quantity: 16)
    public static let availability = Field(address: 1200, count: 1)
    public static let mode3 = Field(address: 1201, count: 5)
    public static let appliedMaxCurrent = Field(address: 1206, count: 2)
    public static let validityRemaining = Field(address: 1208, count: 2)
    public static let setpoint = Field(address: 1210, count: 2)

    /// One value's registers.
    public struct Field: Hashable, Sendable {
        public var address: UInt16
        public var count: Int

        public func registers(_ snapshot: [UInt16: UInt16]) -> [UInt16] {
            (0..<count).compactMap { snapshot[address &+ UInt16($0)] }
        }

        public func text(_ snapshot: [UInt16: UInt16]) -> String {
            RegisterString.decode(registers(snapshot))
        }

        public func float(_ snapshot: [UInt16: UInt16]) -> Double? {
            (try? RegisterType.float32.decode(registers(snapshot), order: .abcd)) ?? nil
        }

        public func uint(_ snapshot: [UInt16: UInt16]) -> Double? {
            let type: RegisterType = count == 1 ? .uint16 : .uint32
            return (try? type.decode(registers(snapshot), order: .abcd)) ?? nil
        }
    }
}
