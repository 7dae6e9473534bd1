import ModbusProtocol

/// What `station status` shows (SPEC §7): the station's identity, its SCN, and each socket's state. Values the
/// station marks unavailable (NaN) are nil.
public struct AlfenStationStatus: Hashable, Sendable {
    public struct Station: Hashable, Sendable {
        public var name, manufacturer, firmware, platform, serial: String
        public var sockets: Int
        public var activeMaxCurrent: Double?
        public var temperature: Double?
    }

    public struct SCN: Hashable, Sendable {
        public var name: String
        public var sockets: Int?
        /// L1, L2, L3.
        public var consumption: [Double?]
        public var maxCurrent: [Double?]
    }

    public struct Socket: Hashable, Sendable {
        public var unit: UInt8
        public var operative: Bool?
        public var mode3: String
        public var appliedMaxCurrent: Double?
        public var setpoint: Double?
        public var validityRemaining: Double?
        public var current: [Double?]
        public var voltage: [Double?]
        public var power: Double?
    }

    public var station: Station
    public var scn: SCN
    public var sockets: [Socket]

    /// Reads unit 200, then unit 1 and, on a two-socket station only, unit 2; each block in one read.
    public static func read(from connection: any ModbusConnection) async throws(ModbusClientError) -> AlfenStationStatus {
        typealias Map = AlfenStationMap
        let station = try await connection.read([Map.identity, Map.status, Map.scn], unit: Map.stationUnit)
        let count = Int(Map.socketCount.uint(station) ?? 1)
        var sockets: [Socket] = []
        for unit in Map.socketUnits.prefix(max(1, min(count, 2))) {
            let values = try await connection.read([Map.socketMeter, Map.socketStatus], unit: unit)
            sockets.append(Socket(values, unit: unit))
        }
        return AlfenStationStatus(
            station: Station(
                name: Map.name.text(station), manufacturer: Map.manufacturer.text(station),
                firmware: Map.firmware.text(station), platform: Map.platform.text(station), serial: Map.serial.text(station),
                sockets: count, activeMaxCurrent: Map.activeMaxCurrent.float(station), temperature: Map.temperature.float(station)),
            scn: SCN(
                name: Map.scnName.text(station), sockets: Map.scnSockets.uint(station).map(Int.init),
                consumption: Map.scnConsumption.map { $0.float(station) }, maxCurrent: Map.scnMaxCurrent.map { $0.float(station) }),
            sockets: sockets)
    }
}

extension AlfenStationStatus.Socket {
    init(_ values: [UInt16: UInt16], unit: UInt8) {
        typealias Map = AlfenStationMap
        self.init(
            unit: unit, operative: Map.availability.uint(values).map { $0 == 1 }, mode3: Map.mode3.text(values),
            appliedMaxCurrent: Map.appliedMaxCurrent.float(values), setpoint: Map.setpoint.float(values),
            validityRemaining: Map.validityRemaining.uint(values), current: Map.current.map { $0.float(values) },
            voltage: Map.voltage.map { $0.float(values) }, power: Map.powerSum.float(values))
    }
}
