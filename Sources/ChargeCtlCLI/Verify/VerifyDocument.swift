import AllocationCore
import Foundation
import ModbusProtocol
import StationModel

/// The report's file format, from its name (SPEC §8): `.html` or `.md`.
enum VerifyDocumentFormat: Sendable {
    case html, markdown

    init(path: String) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html; return }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .markdown; return }
        throw CommandFailure(status: .invalidInput, code: "verify.report-format", message: "--report \(path): the report is .html or .md",
                             hint: "name the file report.html (printable, with charts) or report.md")
    }
}

/// The customer's report as blocks (headings, paragraphs, tables, charts), so HTML and Markdown say the same.
struct VerifyDocument: Sendable {
    enum Block: Sendable {
        case heading(Int, String)
        case paragraph(String)
        /// `id` names the table in HTML (`findings`); `classes` marks rows (`fail`, `warn`, `pass`).
        case table(id: String?, headers: [String], rows: [[String]], classes: [String?])
        case chart(caption: String, svg: String)
    }

    var title: String
    var blocks: [Block]

    struct Context: Sendable {
        var date: Date
        var version: String
        /// SHA-256 of the `--json` document's bytes, in hex.
        var jsonSHA256: String
    }

    init(_ result: VerifyResult, _ context: Context) {
        title = "Commissioning report: \(result.site.name)"
        var blocks: [Block] = [.heading(1, title)]
        let failed = result.findings.filter { $0.severity == .fail }.count
        let warned = result.findings.filter { $0.severity == .warn }.count
        blocks.append(.paragraph("Date: \(Self.date(context.date)) · chargectl \(context.version) · link: \(result.link.rawValue.uppercased()) · site file: \(result.sitePath)"))
        blocks.append(.paragraph(failed == 0 ? "Result: PASSED — every check passed" + (warned > 0 ? " (\(warned) warning\(warned == 1 ? "" : "s"))" : "") + "."
                                 : "Result: FAILED — \(failed) check\(failed == 1 ? "" : "s") failed, \(warned) warning\(warned == 1 ? "" : "s")."))

        blocks.append(.heading(2, "Site"))
        var site = [["installation", "\(result.site.installation.phases)-phase, \(Quantity.amps(result.site.installation.maxCurrent)) per phase"]]
        if let scn = result.site.scn { site.append(["Smart Charging Network", "\(scn.name), socket safe current \(Quantity.amps(scn.socketSafeCurrent)), alternating every \(Int(scn.alternatingPeriod)) s"]) }
        if let alb = result.site.alb {
            site.append(["Active Load Balancing", "\(alb.source.rawValue), meter maximum \(Quantity.amps(alb.maxCurrent)), safe current \(Quantity.amps(alb.safeCurrent))"
                         + (alb.meter.map { ", meter \($0.preset) at \($0.host):\($0.port) unit \($0.unit)" } ?? "")])
        }
        blocks.append(.table(id: "site", headers: ["", ""], rows: site, classes: []))

        blocks.append(.heading(2, "Stations"))
        let rows = result.stationRows
        blocks.append(.table(id: "stations", headers: ["station", "name", "model", "firmware", "licence features", "reached"],
                             rows: rows.map { [$0.id, $0.name ?? "", $0.model ?? "", $0.firmware ?? "—", $0.features.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "—",
                                               $0.reached ? "yes" : "no" + ($0.error.map { " (\($0))" } ?? "")] },
                             classes: rows.map { $0.reached ? nil : "fail" }))
        for row in rows where row.reached {
            blocks.append(.heading(3, "Settings of \(row.id) as read"))
            blocks.append(.table(id: nil, headers: ["key", "setting", "as read", "planned"],
                                 rows: row.settings.map { [$0.key, $0.label, $0.read ?? "not listed", $0.planned] },
                                 classes: row.settings.map { $0.differs ? "fail" : nil }))
        }

        if result.site.scn != nil {
            blocks.append(.heading(2, "Smart Charging Network"))
            let sockets = result.socketRows
            blocks.append(.table(id: "scn", headers: ["station", "socket", "SCN id (planned)", "SCN id (read)", "phase mapping (planned)", "phase mapping (read)"],
                                 rows: sockets.map { ["\($0.station)", "\($0.connector)", "\($0.plannedID)", $0.readID.map(String.init) ?? "—",
                                                      $0.plannedMapping, $0.readMapping ?? "—"] },
                                 classes: sockets.map(Self.socketClass)))
        }

        blocks.append(.heading(2, "Meter readings"))
        if let meter = result.meterReport {
            let phases = ["L1", "L2", "L3"]
            let voltage = meter.phases([.voltageL1, .voltageL2, .voltageL3]), current = meter.phases([.currentL1, .currentL2, .currentL3])
            let power = meter.phases([.activePowerL1, .activePowerL2, .activePowerL3])
            let described = meter.meter.model + (meter.meter.preset.map { " (\($0))" } ?? "")
                + (meter.meter.host.map { " at \($0)" + (meter.meter.port.map { ":\($0)" } ?? "") } ?? "")
                + (meter.meter.unit.map { ", unit \($0)" } ?? "")
            blocks.append(.paragraph(described))
            blocks.append(.table(id: "meter", headers: ["phase", "voltage (V)", "current (A)", "power (W)"],
                                 rows: phases.map { [$0, Self.number(voltage[$0] ?? nil), Self.number(current[$0] ?? nil), Self.number(power[$0] ?? nil)] },
                                 classes: []))
            blocks.append(.paragraph("total power \(Self.number(meter.totalPower)) W, frequency \(Self.number(meter.readings[.frequency])) Hz, imported \(Self.number(meter.readings[.importEnergy])) kWh"))
        } else {
            blocks.append(.paragraph(result.reads.meterReading == .none ? "The site has no meter this laptop reads (no Modbus TCP meter)." : "The meter was not read: see the findings."))
        }
        let sockets = VerifyReport(result: result).readings.sockets
        if !sockets.isEmpty {
            blocks.append(.heading(3, "Sockets (the stations' Modbus servers)"))
            blocks.append(.table(id: "sockets", headers: ["station", "socket", "SCN id", "mode 3", "applied max (A)", "current L1/L2/L3 (A)"],
                                 rows: sockets.map { reading in
                                     [reading.station, "\(reading.socket.unit)", reading.scnId.map(String.init) ?? "—", reading.socket.mode3,
                                      Self.number(reading.socket.appliedMaxCurrent),
                                      ["L1", "L2", "L3"].map { Self.number(reading.socket.current[$0] ?? nil) }.joined(separator: " / ")]
                                 }, classes: []))
        }

        blocks.append(.heading(2, "Findings"))
        blocks.append(.table(id: "findings", headers: ["result", "check", "what was found", "what to do"],
                             rows: result.findings.map { [$0.severity.rawValue.uppercased(), $0.code, $0.message, $0.severity == .pass ? "" : $0.hint] },
                             classes: result.findings.map { $0.severity.rawValue }))

        blocks.append(.heading(2, "Live load test"))
        if let live = result.live {
            blocks.append(.paragraph("The available current was lowered to \(Quantity.amps(live.limit)) per phase"
                                     + (live.original.map { " from \(Quantity.amps($0))" } ?? "") + "; the original value was "
                                     + (live.restored ? "restored and read back." : "NOT confirmed restored.")))
            for chart in VerifyLiveCharts.charts(live) { blocks.append(.chart(caption: chart.caption, svg: chart.svg)) }
        } else {
            blocks.append(.paragraph("Not run (chargectl verify SITE --live runs the load test)."))
        }

        blocks.append(.heading(2, "Checksum"))
        blocks.append(.paragraph("SHA-256 of the JSON result (chargectl verify --json): \(context.jsonSHA256)"))
        self.blocks = blocks
    }

    /// A socket whose id or mapping as read is not the plan's is marked.
    static func socketClass(_ row: VerifyResult.SocketRow) -> String? {
        let idDiffers = row.readID.map { $0 != row.plannedID } ?? false
        let mappingDiffers = row.readMapping.map { $0 != row.plannedMapping } ?? false
        return idDiffers || mappingDiffers ? "fail" : nil
    }

    static func number(_ value: Double?) -> String {
        value.map { Quantity.decimal($0, places: 2) } ?? "—"
    }

    /// UTC, to the minute: `2026-12-06 08:34 UTC`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
