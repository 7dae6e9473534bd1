import Foundation
import ModbusProtocol

extension MeterTestReport {
    func text(colour: Bool) -> String {
        var lines = [header(colour: colour), ""]
        var table = TextTable(columns: [.init(""), .init("L1", .right), .init("L2", .right), .init("L3", .right)])
        table.colour = colour
        table.headerStyle = .bold
        let rows: [(String, [MeterQuantity], String, Int)] = [
            ("Voltage", [.voltageL1, .voltageL2, .voltageL3], "V", 1),
            ("Current", [.currentL1, .currentL2, .currentL3], "A", 2),
            ("Active power", [.activePowerL1, .activePowerL2, .activePowerL3], "W", 0),
        ]
        for (label, quantities, unit, digits) in rows {
            table.append([label] + quantities.map { Self.cell(readings[$0], unit, digits) })
        }
        lines += table.lines()
        lines.append("")
        var totals = TextTable(columns: [.init(""), .init("", .right)])
        totals.headerRule = false
        totals.append(["Total power", Self.cell(totalPower, "W", 0)])
        totals.append(["Frequency", Self.cell(readings[.frequency], "Hz", 2)])
        totals.append(["Import energy", Self.cell(readings[.importEnergy], "kWh", 2)])
        lines += totals.lines().dropFirst()
        lines.append("")
        for finding in findings {
            let style: ANSIStyle = switch finding.severity { case .pass: .green; case .warn: .yellow; case .fail: .red }
            lines.append("\(style.apply(finding.severity.rawValue.uppercased().padding(toLength: 4, withPad: " ", startingAt: 0), enabled: colour))  \(finding.message)")
            if !finding.hint.isEmpty { lines.append("      hint: \(finding.hint)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Which meter, and through whose eyes: the station's view says so, since its values are what the station's
    /// load balancing works with (issue 15).
    func header(colour: Bool) -> String {
        let model = ANSIStyle.bold.apply(meter.model, enabled: colour)
        if let station = meter.station {
            let address = "\(meter.host ?? station):\(meter.port ?? 443)"
            let named = station == address || station == meter.host ? "at \(address)" : "\(station) at \(address)"
            return "\(model) as station \(named) sees it, over \(meter.via ?? "https")\n"
                + "These are the station's eyes: the values its load balancing works with."
        }
        let place = meter.serial ?? "\(meter.host ?? "?"):\(meter.port ?? 502)"
        return "\(model) (preset \(meter.preset ?? "?")) at \(place), unit \(meter.unit.map(String.init) ?? "?")"
    }

    static func cell(_ value: Double?, _ unit: String, _ digits: Int) -> String {
        guard let value else { return "—" }
        return String(format: "%.\(digits)f", value) + " " + unit
    }
}
