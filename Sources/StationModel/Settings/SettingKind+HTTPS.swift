import AllocationCore
import SharedText

/// The HTTPS API's spelling of a value (reference/alfen-station.md §4): numbers for choices, mappings and flags.
extension SettingKind {
    /// The property value for a setting value, or nil when the value does not fit this kind or HTTPS cannot say it.
    public func httpsString(_ value: SettingValue) -> String? {
        switch (self, value) {
        case (.bool, .bool(let flag)): return flag ? "1" : "0"
        case let (.choice(choices), .choice(name)): return choices.first { $0.name == name }?.https.map(String.init)
        case let (.phaseMapping(spelling, allowsNone), .mapping(mapping)):
            guard let mapping else { return allowsNone ? "0" : nil }
            // `2069_0` is a string of phase names (reference §4.3); the SCN mappings are numbers.
            return spelling == .name ? mapping.name : String(mapping.wireNumber)
        case (.ipv4, .ipv4(let address)): return address.description
        default:
            // Amperes, seconds, integers, text and secrets are spelled as over OCPP, with the same ranges.
            return ocppString(value)
        }
    }

    /// The range a person may give, for messages: `0 to 80 A`.
    public var rangeText: String? {
        switch self {
        case let .amperes(range): "\(Quantity.amps(range.lowerBound)) to \(Quantity.amps(range.upperBound))"
        case let .seconds(range): "\(range.lowerBound) to \(range.upperBound) s"
        case let .integer(range): "\(range.lowerBound) to \(range.upperBound)"
        case let .text(maxLength): "at most \(maxLength) characters"
        case let .choice(choices): choices.map(\.name).joined(separator: ", ")
        case .bool, .ipv4, .phaseMapping, .secret, .registerMap, .readOnly: nil
        }
    }

    /// Reads a property's value back (the inverse of `httpsString`): choices by their HTTPS number, flags 1/0,
    /// IPv4 unpadded; what HTTPS spells as OCPP does, as OCPP. nil when it is not a value of this kind.
    public func httpsValue(_ wire: String) -> SettingValue? {
        if case let .choice(choices) = self {
            let text = wire.trimmingSpaces
            guard let number = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else { return nil }
            return choices.first { $0.https == number }.map { .choice($0.name) }
        }
        return ocppValue(wire)
    }
}
