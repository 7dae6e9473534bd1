import AllocationCore
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

    enum Keys: String, CodingKey { case ok, station, scn, sockets, findings }
    enum StationKeys: String, CodingKey { case name, manufacturer, firmware, platform, serial, sockets, activeMaxCurrent, temperature }
    enum SCNKeys: String, CodingKey { case name, sockets, consumption, maxCurrent }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let findings = self.findings
        try container.encode(!failed, forKey: .ok)
        let station = status.station
        var identity = container.nestedContainer(keyedBy: StationKeys.self, forKey: .station)
        try identity.encode(station.name, forKey: .name)
        try identity.encode(station.manufacturer, forKey: .manufacturer)
        try identity.encode(station.firmware, forKey: .firmware)
        try identity.encode(station.platform, forKey: .platform)
        try identity.encode(station.serial, forKey: .serial)
        try identity.encode(station.sockets, forKey: .sockets)
        try identity.encode(station.activeMaxCurrent.flatMap(Self.rounded), forKey: .activeMaxCurrent)
        try identity.encode(station.temperature.flatMap(Self.rounded), forKey: .temperature)
        var scn = container.nestedContainer(keyedBy: SCNKeys.self, forKey: .scn)
        try scn.encode(status.scn.name.isEmpty ? nil : status.scn.name, forKey: .name)
        try scn.encode(status.scn.sockets, forKey: .sockets)
        try scn.encode(Self.phases(status.scn.consumption), forKey: .consumption)
        try scn.encode(Self.phases(status.scn.maxCurrent), forKey: .maxCurrent)
        try container.encode(status.sockets.map(Self.document), forKey: .sockets)
        try container.encode(findings.map(FindingDocument.init), forKey: .findings)
    }

    var failed: Bool { !findings.isEmpty }

    /// A register that reads ±Inf measures nothing: a failing finding per value, in the text and the JSON alike
    /// (where the value itself is null: JSON has no infinity). A NaN is the station's "not available" and is
    /// already nil.
    var findings: [Finding] {
        let station = status.station
        var values: [(String, Double?)] = [("active max current", station.activeMaxCurrent), ("board temperature", station.temperature)]
        for (phase, (consumption, maximum)) in zip(["L1", "L2", "L3"], zip(status.scn.consumption, status.scn.maxCurrent)) {
            values += [("SCN consumption \(phase)", consumption), ("SCN max current \(phase)", maximum)]
        }
        for socket in status.sockets {
            let name = "socket \(socket.unit)"
            values += [("\(name) applied max current", socket.appliedMaxCurrent), ("\(name) setpoint", socket.setpoint),
                       ("\(name) validity remaining", socket.validityRemaining), ("\(name) power", socket.power)]
            for (phase, (current, voltage)) in zip(["L1", "L2", "L3"], zip(socket.current, socket.voltage)) {
                values += [("\(name) current \(phase)", current), ("\(name) voltage \(phase)", voltage)]
            }
        }
        return values.compactMap { name, value in
            guard let value, !value.isFinite else { return nil }
            return Finding(severity: .fail, code: "station.value.not-finite", message: "\(name) reads \(value), which no station measures",
                           hint: "check the station's firmware and Modbus register map (alfen-station.md §1); read it again")
        }
    }

    static func document(_ socket: AlfenStationStatus.Socket) -> SocketDocument {
        SocketDocument(unit: Int(socket.unit), availability: socket.operative.map { $0 ? "operative" : "inoperative" }, mode3: socket.mode3,
                       appliedMaxCurrent: socket.appliedMaxCurrent.flatMap(rounded), setpoint: socket.setpoint.flatMap(rounded),
                       validityRemaining: socket.validityRemaining.flatMap(rounded), power: socket.power.flatMap(rounded),
                       current: phases(socket.current), voltage: phases(socket.voltage))
    }

    static func phases(_ values: [Double?]) -> [String: Double?] {
        Dictionary(uniqueKeysWithValues: zip(["L1", "L2", "L3"], values.map { $0.flatMap(rounded) }))
    }

    /// Three decimals; a non-finite reading is null (its finding says why).
    static func rounded(_ value: Double) -> Double? { value.isFinite ? (value * 1000).rounded() / 1000 : nil }

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
        for finding in findings {
            lines += ["", "\(ANSIStyle.red.apply("FAIL", enabled: colour))  \(finding.message)", "      hint: \(finding.hint)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func amps(_ value: Double?) -> String { number(value, "A", digits: 2) }

    static func number(_ value: Double?, _ unit: String, digits: Int = 1) -> String {
        value.map { String(format: "%.\(digits)f", $0) + " " + unit } ?? "—"
    }
}
