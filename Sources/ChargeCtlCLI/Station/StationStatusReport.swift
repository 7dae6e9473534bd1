import ChargeIO
import Foundation

/// `station status`'s result in the SPEC §7 shape; values the station marks unavailable are null.
struct StationStatusReport: Report {
    var status: AlfenStationStatus

    struct SocketDocument: Encodable {
        var unit: Int
        var availability: String?
        var mode3: String
        var appliedMaxCurrent, setpoint, validityRemaining, power: Double?
        var current, voltage: [String: Double?]
    }

    enum Keys: String, CodingKey { case ok, station, scn, sockets }
    enum StationKeys: String, CodingKey { case name, manufacturer, firmware, platform, serial, sockets, activeMaxCurrent, temperature }
    enum SCNKeys: String, CodingKey { case name, sockets, consumption, maxCurrent }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(true, forKey: .ok)
        let station = status.station
        var identity = container.nestedContainer(keyedBy: StationKeys.self, forKey: .station)
        try identity.encode(station.name, forKey: .name)
        try identity.encode(station.manufacturer, forKey: .manufacturer)
        try identity.encode(station.firmware, forKey: .firmware)
        try identity.encode(station.platform, forKey: .platform)
        try identity.encode(station.serial, forKey: .serial)
        try identity.encode(station.sockets, forKey: .sockets)
        try identity.encode(station.activeMaxCurrent.map(Self.rounded), forKey: .activeMaxCurrent)
        try identity.encode(station.temperature.map(Self.rounded), forKey: .temperature)
        var scn = container.nestedContainer(keyedBy: SCNKeys.self, forKey: .scn)
        try scn.encode(status.scn.name.isEmpty ? nil : status.scn.name, forKey: .name)
        try scn.encode(status.scn.sockets, forKey: .sockets)
        try scn.encode(Self.phases(status.scn.consumption), forKey: .consumption)
        try scn.encode(Self.phases(status.scn.maxCurrent), forKey: .maxCurrent)
        try container.encode(status.sockets.map(Self.document), forKey: .sockets)
    }

    static func document(_ socket: AlfenStationStatus.Socket) -> SocketDocument {
        SocketDocument(unit: Int(socket.unit), availability: socket.operative.map { $0 ? "operative" : "inoperative" }, mode3: socket.mode3,
                       appliedMaxCurrent: socket.appliedMaxCurrent.map(rounded), setpoint: socket.setpoint.map(rounded),
                       validityRemaining: socket.validityRemaining, power: socket.power.map(rounded),
                       current: phases(socket.current), voltage: phases(socket.voltage))
    }

    static func phases(_ values: [Double?]) -> [String: Double?] {
        Dictionary(uniqueKeysWithValues: zip(["L1", "L2", "L3"], values.map { $0.map(rounded) }))
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    func text(colour: Bool) -> String {
        let station = status.station
        var lines = [
            "\(ANSIStyle.bold.apply(station.name, enabled: colour))  \(station.manufacturer) \(station.platform), serial \(station.serial)",
            "firmware \(station.firmware), \(station.sockets) socket(s), active max \(Self.amps(station.activeMaxCurrent)), board \(Self.number(station.temperature, "°C"))",
            "SCN \(status.scn.name.isEmpty ? "—" : status.scn.name): \(status.scn.sockets.map(String.init) ?? "—") sockets, consumption "
                + status.scn.consumption.map(Self.amps).joined(separator: " / ") + ", max " + status.scn.maxCurrent.map(Self.amps).joined(separator: " / "),
            "",
        ]
        var table = TextTable(columns: [.init("UNIT", .right), .init("STATE"), .init("MODE 3"), .init("APPLIED", .right), .init("SETPOINT", .right),
                                        .init("VALID", .right), .init("CURRENT L1/L2/L3"), .init("VOLTAGE L1/L2/L3"), .init("POWER", .right)])
        table.colour = colour
        table.headerStyle = .bold
        for socket in status.sockets {
            table.append(["\(socket.unit)", socket.operative.map { $0 ? "operative" : "inoperative" } ?? "—", socket.mode3,
                          Self.amps(socket.appliedMaxCurrent), Self.amps(socket.setpoint), Self.number(socket.validityRemaining, "s"),
                          socket.current.map(Self.amps).joined(separator: " / "),
                          socket.voltage.map { Self.number($0, "V") }.joined(separator: " / "), Self.number(socket.power, "W")])
        }
        lines += table.lines()
        return lines.joined(separator: "\n") + "\n"
    }

    static func amps(_ value: Double?) -> String { number(value, "A", digits: 2) }

    static func number(_ value: Double?, _ unit: String, digits: Int = 1) -> String {
        value.map { String(format: "%.\(digits)f", $0) + " " + unit } ?? "—"
    }
}
