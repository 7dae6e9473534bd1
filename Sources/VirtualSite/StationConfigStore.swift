import OCPP16

/// A simulated station's configuration, answering GetConfiguration and ChangeConfiguration like a real station
/// (OCPP 1.6 §5.8, §5.3): unknown keys NotSupported, read-only keys and bad values Rejected, structural keys
/// RebootRequired. Values written are stored at once (GetConfiguration shows them); what the station acts on
/// (`effective`, the licence bits) changes only at `reboot()`. Pure: no clock, no socket.
public struct StationConfigStore: Sendable {
    public let identity: VirtualStationIdentity
    private var keys: [ConfigKey]
    private var values: [String: String]
    /// What the running firmware uses: the values as of the last boot.
    public private(set) var effective: [String: String]
    public private(set) var unlockedFeatures: UInt32
    /// Seeded faults (`SiteFaults`): keys held at a value whatever is written (lowercased names), and feature bits
    /// a licence never unlocks.
    private let pinned: [String: String]
    private let locked: UInt32

    public init(identity: VirtualStationIdentity, unlockedFeatures: UInt32 = 0, pinned: [String: String] = [:], locked: UInt32 = 0) {
        self.identity = identity
        let rows = StationKeyTable.keys(for: identity)
        keys = rows.map(\.key)
        values = Dictionary(rows.map { ($0.key.name.lowercased(), $0.value) }) { first, _ in first }
        self.pinned = Dictionary(pinned.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.locked = locked
        self.unlockedFeatures = unlockedFeatures & ~locked
        effective = [:]
        values["unlockedfeatures"] = String(self.unlockedFeatures)
        values.merge(self.pinned) { _, pin in pin }
        effective = values
    }

    /// The stored value of a key (any case), nil when the station has no such key.
    public func value(_ key: String) -> String? { values[key.lowercased()] }

    /// The value the station acts on.
    public func effectiveValue(_ key: String) -> String? { effective[key.lowercased()] }

    /// OCPP 1.6 §5.8: no keys (or an empty list) means every key; unknown names come back in `unknownKey`.
    public func getConfiguration(_ request: GetConfiguration.Request) -> GetConfiguration.Confirmation {
        let asked = request.key ?? []
        guard !asked.isEmpty else { return GetConfiguration.Confirmation(configurationKey: keys.map(keyValue)) }
        var known: [GetConfiguration.KeyValue] = []
        var unknown: [String] = []
        for name in asked {
            if let key = key(named: name) { known.append(keyValue(key)) } else { unknown.append(name) }
        }
        return GetConfiguration.Confirmation(configurationKey: known.isEmpty ? nil : known, unknownKey: unknown.isEmpty ? nil : unknown)
    }

    /// OCPP 1.6 §5.3 answers; a stored change of a reboot key waits for `reboot()` to take effect.
    public mutating func changeConfiguration(_ request: ChangeConfiguration.Request) -> ChangeConfiguration.Status {
        guard let key = key(named: request.key) else { return .notSupported }
        guard !key.readonly, key.accepts(request.value) else { return .rejected }
        let name = key.name.lowercased()
        // A pinned key takes the write and keeps its value, as a station with that fault would.
        let value = pinned[name] ?? request.value
        values[name] = value
        if key.rebootRequired { return .rebootRequired }
        effective[name] = value
        return .accepted
    }

    /// A reboot: every stored value takes effect, and a licence key valid for this object number adds its
    /// features (a wrong key unlocks nothing).
    public mutating func reboot() {
        if let key = values["featurelicensekey"], !key.isEmpty,
           let features = DemoLicence.features(forKey: key, objectNumber: identity.objectNumber) {
            unlockedFeatures |= features & ~locked
        }
        values["unlockedfeatures"] = String(unlockedFeatures)
        effective = values
    }

    private func key(named name: String) -> ConfigKey? {
        let lowered = name.lowercased()
        return keys.first { $0.name.lowercased() == lowered }
    }

    private func keyValue(_ key: ConfigKey) -> GetConfiguration.KeyValue {
        GetConfiguration.KeyValue(key: key.name, readonly: key.readonly, value: values[key.name.lowercased()] ?? "")
    }
}
