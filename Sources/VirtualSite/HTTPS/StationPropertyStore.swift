import JSONText

/// The HTTPS-only half of a simulated station's configuration: properties the OCPP side has no key for (the
/// back-office URL, the ALB data source, phase switching, the static load-balancing bit) and values a key cannot
/// spell (`5217_0` = −1, EMS). Like `StationConfigStore`, a value written is stored at once and takes effect at
/// `reboot()`. Pure.
public struct StationPropertyStore: Sendable {
    private(set) var values: [String: JSONValue]
    /// What the running firmware uses: the values as of the last boot.
    public private(set) var effective: [String: JSONValue]
    /// A value with no OCPP spelling, valid while its key still holds what it held when the value was written
    /// (a later OCPP write wins).
    private(set) var overrides: [String: Override] = [:]

    struct Override: Sendable, Equatable {
        var value: JSONValue
        var keyValue: String
    }

    init(_ values: [String: JSONValue]) {
        self.values = values
        effective = values
    }

    func value(_ id: String) -> JSONValue? { values[id] }

    mutating func set(_ id: String, _ value: JSONValue) { values[id] = value }

    func override(_ id: String, keyValue: String?) -> JSONValue? {
        guard let override = overrides[id], override.keyValue == keyValue else { return nil }
        return override.value
    }

    mutating func setOverride(_ id: String, _ value: JSONValue?, keyValue: String) {
        overrides[id] = value.map { Override(value: $0, keyValue: keyValue) }
    }

    mutating func reboot() { effective = values }

    /// The central system the station dials after its last boot (`20F0_3`, or `2071_1` + `2071_2`).
    public var effectiveBackOfficeURL: String? { StationPropertyTable.backOfficeURL(effective) }
}
