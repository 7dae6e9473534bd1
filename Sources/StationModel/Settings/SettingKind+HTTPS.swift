import AllocationCore

/// The HTTPS API's spelling of a value (reference/alfen-station.md §4): numbers for choices, mappings and flags.
extension SettingKind {
    /// The property value for a setting value, or nil when the value does not fit this kind or HTTPS cannot say it.
    public func httpsString(_ value: SettingValue) -> String? {
        switch (self, value) {
        case (.bool, .bool(let flag)): return flag ? "1" : "0"
        case let (.choice(choices), .choice(name)): return choices.first { $0.name == name }?.https.map(String.init)
        case let (.phaseMapping(_, allowsNone), .mapping(mapping)):
            guard let mapping else { return allowsNone ? "0" : nil }
            return String(mapping.wireNumber)
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
        case .bool, .ipv4, .phaseMapping, .secret, .readOnly: nil
        }
    }
}
