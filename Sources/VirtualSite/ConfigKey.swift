import SharedText
import StationModel

/// One configuration key a simulated station exposes: its spelling, whether it is read-only, whether a change
/// takes effect only after a reboot, and how a new value is checked.
public struct ConfigKey: Sendable {
    public enum Rule: Sendable {
        /// A catalog setting: the value must read back as the setting's kind and re-encode (range checks).
        case setting(Setting)
        case integer(ClosedRange<Int>)
        case text(maxLength: Int)
        /// `SCN-NetworkName`: `[A-Z0-9]{0,7}` (empty leaves the SCN).
        case scnName
        /// `FeatureLicenseKey`: 24 hex digits in six groups (SPEC §3).
        case licenceKey
    }

    public var name: String
    public var readonly: Bool
    public var rebootRequired: Bool
    public var rule: Rule?

    public init(_ name: String, readonly: Bool = false, rebootRequired: Bool = false, rule: Rule?) {
        self.name = name
        self.readonly = readonly
        self.rebootRequired = rebootRequired
        self.rule = rule
    }

    /// Whether `value` may be written to this key.
    public func accepts(_ value: String) -> Bool {
        switch rule {
        case nil: return false
        case .setting(let setting)?:
            guard let parsed = setting.kind.ocppValue(value) else { return false }
            return setting.kind.ocppString(parsed) != nil
        case .integer(let range)?:
            return Int(value.trimmingSpaces).map(range.contains) ?? false
        case .text(let maxLength)?:
            return value.count <= maxLength
        case .scnName?:
            return value.count <= 7 && value.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }
        case .licenceKey?:
            return (try? LicenceKey(value)) != nil
        }
    }
}
