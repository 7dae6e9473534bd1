import AllocationCore
import ChargeIO
import Foundation
import StationModel

/// `verify --json` (SPEC §7): `site`, `stations`, `findings`, `readings`, `live`, `report`; and the checklist as
/// text. Settings are the planned ones only, so no secret of the station's configuration reaches the document.
struct VerifyReport: Report {
    var result: VerifyResult

    enum Keys: String, CodingKey { case ok, site, siteFile, link, stations, findings, readings, live, report }

    struct StationDocument: Encodable {
        var id: String
        var link: String
        var reached: Bool
        var firmware: String?
        var model: String?
        var features: [String]?
        var settings: [String: String?]
        var error: String?
        /// The station's Modbus server: null when it was not asked (no host), else whether it answered.
        var modbus: ModbusDocument?
    }

    struct ModbusDocument: Encodable {
        var answered: Bool
        var error: String?
    }

    struct SocketReading: Encodable {
        var station: String
        var scnId: Int?
        var socket: StationStatusReport.SocketDocument
    }

    struct Readings: Encodable {
        var meter: MeterDocument?
        var sockets: [SocketReading]
    }

    /// The meter's identity and values, in `meter test`'s shape.
    struct MeterDocument: Encodable {
        var report: MeterTestReport
        enum Keys: String, CodingKey { case preset, model, host, port, unit, voltage, current, power, totalPower, frequency, importEnergy }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(report.meter.preset, forKey: .preset)
            try container.encode(report.meter.model, forKey: .model)
            try container.encode(report.meter.host, forKey: .host)
            try container.encode(report.meter.port, forKey: .port)
            try container.encode(report.meter.unit, forKey: .unit)
            try container.encode(report.phases([.voltageL1, .voltageL2, .voltageL3]), forKey: .voltage)
            try container.encode(report.phases([.currentL1, .currentL2, .currentL3]), forKey: .current)
            try container.encode(report.phases([.activePowerL1, .activePowerL2, .activePowerL3]), forKey: .power)
            try container.encode(report.totalPower.flatMap(MeterTestReport.rounded), forKey: .totalPower)
            try container.encode(report.readings[.frequency].flatMap(MeterTestReport.rounded), forKey: .frequency)
            try container.encode(report.readings[.importEnergy].flatMap(MeterTestReport.rounded), forKey: .importEnergy)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(result.exitStatus == .success, forKey: .ok)
        try container.encode(result.site.name, forKey: .site)
        try container.encode(result.sitePath, forKey: .siteFile)
        try container.encode(result.link.rawValue, forKey: .link)
        try container.encode(result.stationRows.map { row in
            let reading = result.reads.stations.first { $0.id == row.id }
            let modbus: ModbusDocument? = reading?.modbus != nil ? ModbusDocument(answered: true)
                : reading?.modbusError.map { ModbusDocument(answered: false, error: $0) }
            return StationDocument(id: row.id, link: result.link.rawValue, reached: row.reached, firmware: row.firmware, model: row.model,
                                   features: row.features, settings: Dictionary(row.settings.map { ($0.key, $0.read) }) { first, _ in first },
                                   error: row.error, modbus: modbus)
        }, forKey: .stations)
        try container.encode(result.findings.map(FindingDocument.init), forKey: .findings)
        try container.encode(readings, forKey: .readings)
        if let live = result.live { try container.encode(VerifyLiveDocument(live), forKey: .live) } else { try container.encodeNil(forKey: .live) }
        try container.encode(result.reportPath, forKey: .report)
    }

    var readings: Readings {
        let layout = result.layout
        var sockets: [SocketReading] = []
        for (index, entry) in result.site.stations.enumerated() {
            guard let status = result.reads.status[entry.id] else { continue }
            for socket in status.sockets {
                sockets.append(SocketReading(station: entry.id, scnId: layout.socket(station: index, connector: Int(socket.unit))?.scnID,
                                             socket: StationStatusReport.document(socket)))
            }
        }
        return Readings(meter: result.meterReport.map(MeterDocument.init), sockets: sockets)
    }

    func text(colour: Bool) -> String {
        var lines = ["\(ANSIStyle.bold.apply("verify \(result.site.name)", enabled: colour)) over \(result.link.rawValue.uppercased())", ""]
        var stations = TextTable(columns: [.init("STATION"), .init("REACHED"), .init("FIRMWARE"), .init("FEATURES"), .init("SETTINGS READ", .right)])
        stations.colour = colour
        stations.headerStyle = .bold
        for row in result.stationRows {
            stations.append([row.id, row.reached ? "yes" : "no", row.firmware ?? "—", row.features.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "—",
                             row.reached ? "\(row.settings.filter { $0.read != nil }.count) of \(row.settings.count)" : "—"])
        }
        lines += stations.lines() + [""]
        if let live = result.live {
            let peak = live.samples.dropFirst().compactMap { sample in sample.meter.compactMap { $0 }.max() }.max()
            lines += ["live test: the available current lowered to \(Quantity.amps(live.limit))" + (live.original.map { " from \(Quantity.amps($0))" } ?? "")
                      + ", \(live.samples.count) samples" + (peak.map { ", the meter's busiest phase peaked at \(Quantity.amps($0)) after the change" } ?? "")
                      + (live.restored ? "; the original is back" : "; the original is NOT back"), ""]
        }
        for finding in result.findings {
            let label = switch finding.severity {
            case .pass: ANSIStyle.green.apply("pass", enabled: colour)
            case .warn: ANSIStyle.yellow.apply("WARN", enabled: colour)
            case .fail: ANSIStyle.red.apply("FAIL", enabled: colour)
            }
            lines.append("\(label)  \(finding.code)  \(finding.message)")
            if finding.severity != .pass, !finding.hint.isEmpty { lines.append("      hint: \(finding.hint)") }
        }
        let failed = result.findings.filter { $0.severity == .fail }.count
        let warned = result.findings.filter { $0.severity == .warn }.count
        lines += ["", failed == 0 ? "the site passes the checklist" + (warned > 0 ? " (\(warned) warning\(warned == 1 ? "" : "s"))" : "")
                  : "\(failed) check\(failed == 1 ? "" : "s") failed"]
        if let path = result.reportPath { lines.append("report written to \(path)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// SPEC §7 `live`: `{limit, restored, samples: [{t, meter: {L1, L2, L3}, sockets: {"<id>": A}}], predicted}`.
struct VerifyLiveDocument: Encodable {
    struct Sample: Encodable {
        var t: Double
        var meter: [String: Double?]?
        var sockets: [String: Double]
    }

    var limit: Double
    var original: Double?
    var restored: Bool
    var samples: [Sample]
    var predicted: [Sample]

    init(_ live: VerifyLiveResult) {
        limit = live.limit
        original = live.original
        restored = live.restored
        func sample(_ sample: VerifyLiveResult.Sample, meter: Bool) -> Sample {
            Sample(t: sample.t, meter: meter ? StationStatusReport.phases(sample.meter) : nil,
                   sockets: Dictionary(uniqueKeysWithValues: sample.sockets.map { (String($0.key), $0.value) }))
        }
        samples = live.samples.map { sample($0, meter: true) }
        predicted = live.predicted.map { sample($0, meter: false) }
    }
}
