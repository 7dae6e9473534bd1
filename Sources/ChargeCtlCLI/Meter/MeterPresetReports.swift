import ChargeIO
import ModbusProtocol

/// One preset as JSON: the header facts and every mapped quantity.
struct MeterPresetDocument: Encodable {
    struct Register: Encodable {
        var quantity: String
        var address: Int
        var type: String
        var scale: Double
        var unit: String
    }

    var name, model, source, function, wordOrder: String
    var transports: [String]
    var unit: Int
    var port: Int?
    var serial: String?
    var identify: String?
    var registers: [Register]?

    init(_ entry: MeterPresetEntry, registers: Bool) {
        let preset = entry.preset
        name = entry.name
        model = preset.model
        source = entry.source.description
        function = preset.table == .holding ? "holding (3)" : "input (4)"
        wordOrder = preset.wordOrder.rawValue
        transports = preset.transports.map(\.rawValue)
        unit = Int(preset.defaultUnitID)
        port = preset.defaultPort.map(Int.init)
        serial = preset.serial.map { "\($0.baudRate) \($0.dataBits)\($0.parity.rawValue.prefix(1).uppercased())\($0.stopBits)" }
        identify = entry.identification.map { "\(CommandFailure.hex($0.address)) = \($0.expected)" }
        self.registers = registers ? preset.sortedQuantities.map {
            Register(quantity: $0.quantity.rawValue, address: Int($0.register.address), type: $0.register.type.rawValue,
                     scale: $0.register.scale, unit: $0.register.unit)
        } : nil
    }
}

struct MeterPresetListReport: Report {
    var entries: [MeterPresetEntry]

    enum Keys: String, CodingKey { case ok, presets }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(true, forKey: .ok)
        try container.encode(entries.map { MeterPresetDocument($0, registers: false) }, forKey: .presets)
    }

    func text(colour: Bool) -> String {
        var table = TextTable(columns: [.init("NAME"), .init("MODEL"), .init("LINK"), .init("FC"), .init("ORDER"), .init("UNIT", .right), .init("SOURCE")])
        table.colour = colour
        table.headerStyle = .bold
        for entry in entries {
            let preset = entry.preset
            table.append([entry.name, preset.model, preset.transports.map(\.rawValue).joined(separator: ","),
                          preset.table == .holding ? "3" : "4", preset.wordOrder.rawValue, "\(preset.defaultUnitID)", entry.source.description])
        }
        return table.render() + "\n"
    }
}

struct MeterPresetShowReport: Report {
    var entry: MeterPresetEntry

    enum Keys: String, CodingKey { case ok, preset }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(true, forKey: .ok)
        try container.encode(MeterPresetDocument(entry, registers: true), forKey: .preset)
    }

    func text(colour: Bool) -> String {
        let document = MeterPresetDocument(entry, registers: true)
        var lines = [
            "\(ANSIStyle.bold.apply(document.model, enabled: colour)) (\(document.name), \(document.source))",
            "link: \(document.transports.joined(separator: ", "))  unit: \(document.unit)  port: \(document.port.map(String.init) ?? "—")"
                + "  serial: \(document.serial ?? "—")",
            "function: \(document.function)  word order: \(document.wordOrder)  identify: \(document.identify ?? "—")",
            "addresses are 0-based PDU addresses (the number on the wire)", "",
        ]
        var table = TextTable(columns: [.init("QUANTITY"), .init("ADDRESS", .right), .init("HEX", .right), .init("TYPE"),
                                        .init("SCALE", .right), .init("UNIT")])
        table.colour = colour
        table.headerStyle = .bold
        for register in document.registers ?? [] {
            table.append([register.quantity, "\(register.address)", CommandFailure.hex(UInt16(register.address)), register.type,
                          "\(register.scale)", register.unit])
        }
        lines += table.lines()
        return lines.joined(separator: "\n") + "\n"
    }
}
