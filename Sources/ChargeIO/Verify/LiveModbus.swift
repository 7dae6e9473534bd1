import AllocationCore
import ModbusProtocol
import StationModel

/// The live test's Modbus side (SPEC §8): the site meter through its preset, every socket through its station's own
/// Modbus server (current per conductor, registers 320–325; applied maximum, 1206), and the EMS's SCN set point
/// (1417–1421 at unit 200) for a site whose ALB source is an EMS. Each read is one bounded request.
public struct LiveModbus: Sendable {
    public struct Station: Sendable {
        /// Its station connection (unit 200 and the socket units 1, 2).
        public var connection: any ModbusConnection
        /// SCN socket id of each connector, connector 1 first.
        public var socketIDs: [Int]

        public init(connection: any ModbusConnection, socketIDs: [Int]) {
            self.connection = connection
            self.socketIDs = socketIDs
        }
    }

    /// The site meter's current per phase, however it is reached; nil where no meter is read (an EMS site).
    public var readMeter: (@Sendable () async throws -> PhaseCurrents)?
    public var stations: [Station]

    public init(readMeter: (@Sendable () async throws -> PhaseCurrents)?, stations: [Station]) {
        self.readMeter = readMeter
        self.stations = stations
    }

    /// The meter read over Modbus with its preset, from this laptop.
    public init(meter: any ModbusConnection, meterPreset: MeterPresetEntry, meterUnit: UInt8, stations: [Station]) {
        self.init(readMeter: Self.meter(meter, preset: meterPreset, unit: meterUnit), stations: stations)
    }

    /// A meter this laptop reads over Modbus, through its preset.
    public static func meter(_ connection: any ModbusConnection, preset: MeterPresetEntry, unit: UInt8) -> @Sendable () async throws -> PhaseCurrents {
        return {
            let readings = preset.preset.decode(try await connection.read(preset.readPlan, unit: unit))
            guard let l1 = readings[.currentL1], let l2 = readings[.currentL2], let l3 = readings[.currentL3] else { throw MeterIncomplete() }
            return PhaseCurrents(l1: l1, l2: l2, l3: l3)
        }
    }

    /// The meter as the ALB station reads it (its `5221_A`–`C`, reference/alfen-station.md §4.3), through `link`,
    /// the station's HTTPS session: for a P1, TIC or RS-485 meter this laptop cannot read itself.
    public static func meter(through link: any StationLink) -> @Sendable () async throws -> PhaseCurrents {
        let ids = ["5221_A", "5221_B", "5221_C"]
        return {
            let listing = try await link.read(keys: ids)
            let values = Dictionary(ids.compactMap { id in listing[id]?.value.map { (id, $0) } }) { first, _ in first }
            let readings = StationMeterProperties.readings(values)
            guard let l1 = readings[.currentL1], let l2 = readings[.currentL2], let l3 = readings[.currentL3] else { throw MeterIncomplete() }
            return PhaseCurrents(l1: l1, l2: l2, l3: l3)
        }
    }

    /// The SCN socket ids of a site's stations, as the site lays them out (SPEC §3).
    public static func socketIDs(of site: Site) -> [[Int]] {
        let layout = SiteLayout(site)
        return site.stations.indices.map { index in
            (1...max(1, site.stations[index].sockets.count)).compactMap { layout.socket(station: index, connector: $0)?.scnID }
        }
    }

    public struct MeterIncomplete: Error, Sendable, CustomStringConvertible {
        public var description: String { "the meter did not report a current on every phase" }
    }

    public struct ShortAnswer: Error, Sendable, CustomStringConvertible {
        public var description: String { "a station answered fewer registers than asked" }
    }

    /// One sample: the meter per phase and every socket by SCN id.
    public func sample() async throws -> (meter: PhaseCurrents?, sockets: [Int: LiveSocketSample]) {
        let meter = try await readMeter?()
        var sockets: [Int: LiveSocketSample] = [:]
        for station in stations {
            for (offset, id) in station.socketIDs.enumerated() {
                let unit = UInt8(offset + 1)
                let current = try await station.connection.readRegisters(.holding, address: 320, count: 6, unit: unit)
                let applied = try await station.connection.readRegisters(.holding, address: 1206, count: 2, unit: unit)
                guard current.count == 6, applied.count == 2 else { throw ShortAnswer() }
                let phases = (0..<3).map { index in (try? RegisterType.float32.decode(current[2 * index..<2 * index + 2], order: .abcd)) ?? nil }
                let perConductor = PhaseCurrents(l1: phases[0] ?? 0, l2: phases[1] ?? 0, l3: phases[2] ?? 0)
                let appliedMax = ((try? RegisterType.float32.decode(applied[0..<2], order: .abcd)) ?? nil) ?? 0
                sockets[id] = LiveSocketSample(perConductor: perConductor, appliedMax: appliedMax)
            }
        }
        return (meter, sockets)
    }

    /// The SCN set point registers (alfen-station.md §1.4), L1 first.
    public static let scnSetPoint: UInt16 = 1417

    /// Writes the same SCN set point on all three phases.
    public static func writeSCNSetPoint(_ amps: Double, on connection: any ModbusConnection) async throws {
        let words = try RegisterType.float32.encode(amps, order: .abcd)
        _ = try await connection.send(.writeMultipleRegisters(address: scnSetPoint, values: words + words + words), unit: 200)
    }

    /// The SCN set point on L1 as the station holds it.
    public static func readSCNSetPoint(on connection: any ModbusConnection) async throws -> Double? {
        let words = try await connection.readRegisters(.holding, address: scnSetPoint, count: 2, unit: 200)
        return try RegisterType.float32.decode(words, order: .abcd)
    }
}
