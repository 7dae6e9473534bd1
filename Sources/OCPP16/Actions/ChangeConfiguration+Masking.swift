import SharedText

/// Descriptions that never show a secret value: `print`, string interpolation, `debugPrint`, `dump` and the
/// default printing of enclosing values (`OCPPRequest`, session actions) all go through these (SPEC §6).
extension ChangeConfiguration.Request: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value as it may be displayed: `***` when the key is `AuthorizationKey` or `FeatureLicenseKey`.
    public var displayValue: String { SecretMask.masked(value, forKey: key) }

    public var description: String { "ChangeConfiguration.Request(key: \(key), value: \(displayValue))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["key": key, "value": displayValue]) }
}

/// A station should never report a write-only key's value (OCPP-J 1.6 §6.2.2), but if one does, it is masked too.
extension GetConfiguration.KeyValue: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value as it may be displayed: `***` for a secret key that has a value.
    public var displayValue: String? { value.map { SecretMask.masked($0, forKey: key) } }

    public var description: String {
        "KeyValue(key: \(key), readonly: \(readonly), value: \(displayValue.map { "\"\($0)\"" } ?? "nil"))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["key": key, "readonly": readonly, "value": displayValue as Any])
    }
}
