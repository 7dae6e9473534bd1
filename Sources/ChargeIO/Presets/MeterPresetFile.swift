import ModbusProtocol
import StationModel

/// Parses one preset YAML file (the format of `Presets/*.yaml`) into a `MeterPresetEntry`. Errors name the file,
/// line and field (SPEC §2), and a preset the core's validation refuses is an error too.
public enum MeterPresetFile {
    static let keys = ["model", "addressing", "transports", "unit", "port", "serial", "function", "maxReadRegisters",
                       "wordOrder", "identify", "quantities", "notes"]

    public static func parse(_ text: String, name: String, source: MeterPresetEntry.Source) throws -> MeterPresetEntry {
        let file: String? = if case .file(let path) = source { path } else { "\(name).yaml (built-in)" }
        let root = FieldReader(try YAMLDocument.parse(text, file: file), file: file)
        let fields = try root.mapping(known: keys)
        // "Register addresses are written 0-based (the PDU address) and the file says so" (SPEC §2).
        let addressing = try root.required("addressing", in: fields)
        guard try addressing.string() == "pdu" else {
            throw addressing.error("preset.addressing", "addressing must be \"pdu\": addresses are 0-based PDU addresses",
                                   hint: "convert 1-based 3xxxx/4xxxx numbers by subtracting 30001/40001, then write addressing: pdu")
        }
        let transports = try root.required("transports", in: fields).sequence().map { item in
            MeterPreset.Transport(rawValue: try item.choice(MeterPreset.Transport.allCases.map(\.rawValue))) ?? .tcp
        }
        let table = RegisterTable(rawValue: try root.required("function", in: fields).choice(["holding", "input"])) ?? .holding
        let order = WordOrder(rawValue: try fields["wordOrder"]?.choice(WordOrder.allCases.map(\.rawValue)) ?? "ABCD") ?? .abcd
        var quantities: [MeterQuantity: QuantityRegister] = [:]
        let quantityFields = try root.required("quantities", in: fields).mapping(known: MeterQuantity.allCases.map(\.rawValue))
        for (key, reader) in quantityFields {
            guard let quantity = MeterQuantity(rawValue: key) else { continue }
            quantities[quantity] = try register(reader)
        }
        let preset = MeterPreset(
            model: try root.required("model", in: fields).string(), transports: transports,
            defaultUnitID: UInt8(try fields["unit"].map { try bounded($0, 0...255) } ?? 1),
            defaultPort: try fields["port"].map { UInt16(try bounded($0, 1...65535)) },
            serial: try fields["serial"].map(serial), table: table, wordOrder: order, quantities: quantities)
        if let issue = preset.validate().first {
            throw root.error("preset.invalid", "\(preset.model): \(issue)", hint: "fix the preset file")
        }
        return MeterPresetEntry(
            name: name, source: source, preset: preset, identification: try fields["identify"].map(identification),
            maxReadRegisters: try fields["maxReadRegisters"].map { try bounded($0, 1...125) } ?? 125)
    }

    static func register(_ reader: FieldReader) throws -> QuantityRegister {
        let fields = try reader.mapping(known: ["address", "type", "scale", "unit"])
        let type = RegisterType(rawValue: try reader.required("type", in: fields).choice(RegisterType.allCases.map(\.rawValue))) ?? .uint16
        return QuantityRegister(
            address: UInt16(try bounded(try reader.required("address", in: fields), 0...65535)), type: type,
            scale: try fields["scale"]?.number() ?? 1, unit: try reader.required("unit", in: fields).string())
    }

    static func serial(_ reader: FieldReader) throws -> MeterPreset.SerialSettings {
        let fields = try reader.mapping(known: ["baud", "parity", "stopBits", "dataBits"])
        let parity = try fields["parity"]?.choice(MeterPreset.SerialSettings.Parity.allCases.map(\.rawValue)) ?? "none"
        return MeterPreset.SerialSettings(
            baudRate: try bounded(try reader.required("baud", in: fields), 300...921_600),
            dataBits: try fields["dataBits"].map { try bounded($0, 7...8) } ?? 8,
            parity: MeterPreset.SerialSettings.Parity(rawValue: parity) ?? .none,
            stopBits: try fields["stopBits"].map { try bounded($0, 1...2) } ?? 1)
    }

    static func identification(_ reader: FieldReader) throws -> MeterIdentification {
        let fields = try reader.mapping(known: ["function", "address", "registers", "code", "text", "packing"])
        let table = RegisterTable(rawValue: try reader.required("function", in: fields).choice(["holding", "input"])) ?? .holding
        let address = UInt16(try bounded(try reader.required("address", in: fields), 0...65535))
        if let codes = fields["code"] {
            let values = try codes.sequence().map { UInt16(try bounded($0, 0...65535)) }
            return MeterIdentification(table: table, address: address, registerCount: 1, expectation: .code(values))
        }
        guard let text = fields["text"] else {
            throw reader.error("preset.identify", "identify needs code: [..] or text: ..", hint: "see Presets/eastron-sdm630.yaml")
        }
        let packing = try fields["packing"]?.choice(["two-per-register", "one-per-register"]) ?? "two-per-register"
        return MeterIdentification(
            table: table, address: address, registerCount: try fields["registers"].map { try bounded($0, 1...125) } ?? 1,
            expectation: .text(prefix: try text.string(), packing: packing == "one-per-register" ? .onePerRegister : .twoPerRegister))
    }

    /// A whole number written in decimal or as `0x…` hex (register addresses are printed in hex in most manuals).
    static func bounded(_ reader: FieldReader, _ range: ClosedRange<Int>) throws -> Int {
        let text = try reader.string()
        let value = text.lowercased().hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text)
        guard let value, range.contains(value) else {
            throw reader.error("file.value", "expected a whole number in \(range.lowerBound)...\(range.upperBound), found \"\(text)\"",
                               hint: "write decimal (50520) or hex (0xC558)")
        }
        return value
    }
}
