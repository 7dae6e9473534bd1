import AllocationCore
import SharedText

/// OCPP 1.6 configuration values are strings (OCPP 1.6J ChangeConfiguration.value, ≤ 500 characters).
extension SettingKind {
    /// The wire string for a value, or nil when the value does not fit this kind.
    public func ocppString(_ value: SettingValue) -> String? {
        switch (self, value) {
        case let (.amperes(range), .amperes(amps)) where range.contains(amps): return Quantity.decimal(amps, places: 2)
        case let (.seconds(range), .integer(seconds)) where range.contains(seconds): return String(seconds)
        case let (.integer(range), .integer(number)) where range.contains(number): return String(number)
        case let (.bool(spelling), .bool(flag)):
            switch spelling {
            case .onOff: return flag ? "On" : "Off"
            case .trueFalse: return flag ? "True" : "False"
            }
        case let (.choice(choices), .choice(name)): return choices.first { $0.name == name }?.ocpp
        case let (.text(maxLength), .text(text)) where text.count <= maxLength: return text
        case let (.ipv4, .ipv4(address)):
            // The station's own spelling: every octet zero-padded to three digits (SPEC §3).
            return address.octets.map { octet in
                let digits = String(octet)
                return String(repeating: "0", count: 3 - digits.count) + digits
            }.joined(separator: ".")
        case let (.phaseMapping(spelling, allowsNone), .mapping(mapping)):
            guard let mapping else { return allowsNone && spelling == .number ? "0" : nil }
            return spelling == .number ? String(mapping.wireNumber) : mapping.name
        case let (.secret, .secret(text)): return text
        default: return nil
        }
    }

    /// Reads a station's wire string back (for diffs and read-back); nil when it is not a value of this kind.
    public func ocppValue(_ wire: String) -> SettingValue? {
        let text = wire.trimmingSpaces
        switch self {
        case let .amperes(range):
            return Double(text).flatMap { range.contains($0) ? .amperes($0) : nil }
        case .seconds(_), .integer(_):
            return Int(text).map(SettingValue.integer) ?? Double(text).flatMap { $0 == $0.rounded() ? .integer(Int($0)) : nil }
        case .bool:
            switch text.lowercased() {
            case "on", "true", "1": return .bool(true)
            case "off", "false", "0": return .bool(false)
            default: return nil
            }
        case let .choice(choices):
            return choices.first { $0.ocpp?.lowercased() == text.lowercased() }.map { .choice($0.name) }
        case .text:
            return .text(text)
        case .ipv4:
            let unpadded = text.split(separator: ".", omittingEmptySubsequences: false).map { part in
                let stripped = part.drop { $0 == "0" }
                return stripped.isEmpty ? "0" : String(stripped)
            }.joined(separator: ".")
            return IPv4(unpadded).map(SettingValue.ipv4)
        case let .phaseMapping(spelling, allowsNone):
            if spelling == .number, let number = Int(text) {
                if number == 0 { return allowsNone ? .mapping(nil) : nil }
                return PhaseMapping.all.indices.contains(number - 1) ? .mapping(PhaseMapping.all[number - 1]) : nil
            }
            return PhaseMapping(name: text).map { .mapping($0) }
        case .secret:
            return .secret(text)
        case .readOnly:
            return .text(text)
        case .registerMap:
            // Many properties, no one wire string.
            return nil
        }
    }
}
