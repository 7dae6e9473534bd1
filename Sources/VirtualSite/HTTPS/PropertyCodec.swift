import JSONText
import StationModel

/// How one property's value travels on the HTTPS API (reference/alfen-station.md §4.2): its CANopen type code
/// and the conversion between the JSON value and the catalog's setting value, so a property kept under an OCPP key
/// is the same value in both views (SPEC §3: choices are numbers, flags 0/1, mappings numbers or names).
struct PropertyCodec: Sendable {
    let kind: SettingKind

    /// 0x0002 INTEGER8 (a choice with −1), 0x0005 UNSIGNED8/bool, 0x0007 UNSIGNED32, 0x0008 REAL32,
    /// 0x0009 VISIBLE_STRING.
    var type: Int {
        switch kind {
        case .amperes: 8
        case .seconds, .integer: 7
        case .bool: 5
        case let .choice(choices): choices.contains { ($0.https ?? 0) < 0 } ? 2 : 5
        case .phaseMapping(.number, _): 5
        case .phaseMapping(.name, _), .text, .ipv4, .secret, .registerMap, .readOnly: 9
        }
    }

    /// A string's maximum length; 0 for numbers.
    var length: Int {
        switch kind {
        case let .text(maxLength): maxLength
        case .ipv4: 15
        case .phaseMapping(.name, _): 6
        case .secret, .readOnly: 64
        default: 0
        }
    }

    /// The JSON value of an OCPP wire string; nil when the string is not a value of the kind.
    func json(ocpp wire: String) -> JSONValue? {
        guard let value = kind.ocppValue(wire) else { return nil }
        return json(value)
    }

    func json(_ value: SettingValue) -> JSONValue? {
        if case .secret(let text) = value { return .string(text) }
        guard let text = kind.httpsString(value) else { return nil }
        return Self.json(text, numeric: type != 9)
    }

    /// Reads what a client sent: a number, a numeric string (the vendor app quotes every value), a bool. Choices
    /// travel as their HTTPS numbers; everything else is spelled as over OCPP (mapping numbers, unpadded IPv4).
    func setting(_ value: JSONValue) -> SettingValue? {
        guard let text = Self.text(value) else { return nil }
        if case let .choice(choices) = kind {
            guard let number = Self.integer(text) else { return nil }
            return choices.first { $0.https == number }.map { .choice($0.name) }
        }
        return kind == .readOnly ? nil : kind.ocppValue(text)
    }

    /// A JSON scalar as text: `3`, `"3"` and `3.0` are all "3".
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case let .string(text): text
        case let .integer(number): String(number)
        case let .double(number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case let .bool(flag): flag ? "1" : "0"
        case .null, .array, .object: nil
        }
    }

    static func integer(_ text: String) -> Int? {
        Int(text) ?? Double(text).flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
    }

    static func json(_ text: String, numeric: Bool) -> JSONValue {
        guard numeric else { return .string(text) }
        if let number = Int(text) { return .integer(number) }
        if let number = Double(text) { return .double(number) }
        return .string(text)
    }
}
