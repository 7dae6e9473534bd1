import ChargeIO
import ModbusProtocol

/// `meter test`'s result (SPEC §7): `meter`, `readings`, `findings`; the table mirrors the vendor installer's
/// "Test Smart Meter" dialog (per-phase voltage, current, power, then totals).
struct MeterTestReport: Report {
    struct Meter: Encodable {
        /// nil for the station's view: the station, not a preset, decodes its meter.
        var preset: String?
        var model: String
        var host: String?
        var port: Int?
        var serial: String?
        var unit: Int?
        var wordOrder: String?
        /// `meter test --station` (issue 15): the readings are the station's view of its meter, over `via`, from
        /// the ALB meter protocol the station is set to (`p1`, `tic`, `modbus-tcp`, …; nil when it does not say).
        var station: String?
        var via: String?
        var source: String?

        enum Keys: String, CodingKey { case preset, model, host, port, serial, unit, wordOrder, station, via, source }

        /// SPEC §7's `preset, host, port, unit` are always there (null where they do not apply); the rest when known.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(preset, forKey: .preset)
            try container.encode(model, forKey: .model)
            try container.encode(host, forKey: .host)
            try container.encode(port, forKey: .port)
            try container.encodeIfPresent(serial, forKey: .serial)
            try container.encode(unit, forKey: .unit)
            try container.encodeIfPresent(wordOrder, forKey: .wordOrder)
            try container.encodeIfPresent(station, forKey: .station)
            try container.encodeIfPresent(via, forKey: .via)
            try container.encodeIfPresent(source, forKey: .source)
        }
    }

    var meter: Meter
    var readings: MeterReadings
    var findings: [MeterFinding]

    var failed: Bool { findings.contains { $0.severity == .fail } }

    enum Keys: String, CodingKey { case ok, meter, readings, findings }
    enum ReadingKeys: String, CodingKey { case voltage, current, power, totalPower, frequency, importEnergy }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(!failed, forKey: .ok)
        try container.encode(meter, forKey: .meter)
        var values = container.nestedContainer(keyedBy: ReadingKeys.self, forKey: .readings)
        try values.encode(phases([.voltageL1, .voltageL2, .voltageL3]), forKey: .voltage)
        try values.encode(phases([.currentL1, .currentL2, .currentL3]), forKey: .current)
        try values.encode(phases([.activePowerL1, .activePowerL2, .activePowerL3]), forKey: .power)
        try values.encode(totalPower.flatMap(Self.rounded), forKey: .totalPower)
        try values.encode(readings[.frequency].flatMap(Self.rounded), forKey: .frequency)
        try values.encode(readings[.importEnergy].flatMap(Self.rounded), forKey: .importEnergy)
        try container.encode(findings.map(MeterFindingDocument.init), forKey: .findings)
    }

    /// The total, or the sum of the phases for a meter without a total register (the SDM230's one power is both).
    var totalPower: Double? {
        if let total = readings[.totalActivePower] { return total }
        let phases = [MeterQuantity.activePowerL1, .activePowerL2, .activePowerL3].compactMap { readings[$0] }
        return phases.isEmpty ? nil : phases.reduce(0, +)
    }

    func phases(_ quantities: [MeterQuantity]) -> [String: Double?] {
        Dictionary(uniqueKeysWithValues: zip(["L1", "L2", "L3"], quantities.map { readings[$0].flatMap(Self.rounded) }))
    }

    /// Three decimals: float32 registers carry about seven digits, so 230.1 stays 230.1 instead of 230.10000610.
    /// JSON has no infinity: a register reading ±Inf is null here, and its `meter.value.absurd` finding fails the
    /// test in the document as it does in the text.
    static func rounded(_ value: Double) -> Double? { value.isFinite ? (value * 1000).rounded() / 1000 : nil }
}

struct MeterFindingDocument: Encodable {
    var severity: String
    var code: String
    var message: String
    var hint: String

    init(_ finding: MeterFinding) {
        severity = finding.severity.rawValue
        code = finding.code
        message = finding.message
        hint = finding.hint
    }
}
