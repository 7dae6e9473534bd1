import ChargeIO
import ModbusProtocol
import StationModel

/// The station's own view of its meter, judged (issue 15 item 6): the `5221_x` values as `MeterReadings`, the same
/// findings as a meter read over Modbus, and what only the station can say — the meter protocol it is set to
/// (`5217_0`). Pure.
struct StationMeterView {
    var readings: MeterReadings
    var findings: [MeterFinding]
    /// `ALBProtocol`'s name for `5217_0` (`p1`, `tic`, `modbus-tcp`, `modbus-rtu`, `ems`); nil when not listed.
    var source: String?

    static let protocolID = "5217_0"

    /// `values`: property id → the station's text for it, from the `meter4` listing and the reads by id.
    init(values: [String: String]) {
        readings = StationMeterProperties.readings(values)
        source = values[Self.protocolID].flatMap { text in
            ALBProtocol.choices.first { choice in choice.https == Int(text) ?? Double(text).map { Int($0) } }?.name
        }
        var findings = MeterPlausibility.check(readings).map(Self.throughTheStation)
        if source == "ems" {
            findings.append(.init(.warn, "meter.station.ems",
                                  "the station takes its load-balancing data from an EMS (5217_0 = -1), not from a meter",
                                  hint: "the values below are not a meter's; set the ALB source to the meter (chargectl alb configure --source …)"))
        }
        self.findings = MeterPlausibility.withVerdict(findings)
    }

    /// The hints of the shared rules speak of registers and presets; through the station the fix is its meter setup.
    static func throughTheStation(_ finding: MeterFinding) -> MeterFinding {
        var finding = finding
        switch finding.code {
        case "meter.voltage.none":
            finding.hint = "the station reads no meter: check that it is the station hosting load balancing, that its meter protocol (5217_0) matches the meter, and the meter's cable"
        case "meter.value.missing":
            finding.hint = "the station does not list this value (5221_x); check its firmware and that load balancing reads a meter"
        case "meter.value.nan", "meter.value.absurd":
            finding.hint = "the station decodes the meter badly: check the meter brand (5218_0) or the custom register map it is set to"
        default:
            break
        }
        return finding
    }

    /// What the table's first line calls the meter.
    var model: String {
        switch source {
        case "p1": "DSMR P1 smart meter"
        case "tic": "TIC (Linky) meter"
        case "modbus-tcp": "Modbus TCP meter"
        case "modbus-rtu": "Modbus RTU meter"
        case "ems": "EMS"
        default: "Smart meter"
        }
    }

    /// What the installer's dialog reads by id after the category, and the protocol when the category lacked it.
    static func idsToRead(after listing: [String: String]) -> [String] {
        let values = StationMeterProperties.all.filter {
            if case .quantity = $0.measure { return true } else { return false }
        }.map(\.id)
        let ordered = StationMeterProperties.testedIDs + values.filter { !StationMeterProperties.testedIDs.contains($0) }
        return ordered + (listing[protocolID] == nil ? [protocolID] : [])
    }
}
