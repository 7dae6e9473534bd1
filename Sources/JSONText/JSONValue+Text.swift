/// Serialises a `JSONValue` to compact JSON text.
///
/// Written by hand rather than with `JSONEncoder` so frames are byte-exact and stable across platforms: object
/// members sorted by key, no whitespace, `/` not escaped, integers without a fraction. OCPP-J requires UTF-8 JSON
/// (OCPP-J 1.6 specification §4.1.2); non-ASCII characters are written as themselves.
extension JSONValue {
    public var jsonText: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .double(let value):
            // JSON has no NaN or infinity; a payload never needs them, so they degrade to null instead of failing.
            output += value.isFinite ? "\(value)" : "null"
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                JSONValue.writeString(key, to: &output)
                output += ":"
                members[key]?.write(to: &output)
            }
            output += "}"
        }
    }

    /// True when `value` can be written between quotes as it is: most strings, which are then copied whole.
    static func needsNoEscape(_ value: String) -> Bool {
        !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
    }

    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        if needsNoEscape(value) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
