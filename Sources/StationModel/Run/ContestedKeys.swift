/// SPEC §3: the "ModbusTCP balancing enabled" id is contested (`2523_1`, or `2522_1` as the installer's box is
/// reported). The run reads both with the station's full listing and writes the one the station lists as writable
/// — the catalog's id when both are, or neither is listed — and says which.
enum ContestedKeys {
    /// The key to write, and a note for the progress lines when the listing decided it.
    static func resolve(_ write: PlannedWrite, link: LinkKind, in configuration: StationConfiguration) -> (key: String, note: String?) {
        guard link == .https, let setting = write.setting, let alternates = Setting.contestedHTTPSAlternates[setting],
              // An alias names another id: the user's choice, not the catalog's.
              SettingsCatalog.setting(setting).https.propertyIDs.first?.lowercased() == write.key.lowercased() else {
            return (write.key, nil)
        }
        let candidates = [write.key] + alternates
        func describe(_ key: String) -> String {
            guard configuration.value(forKey: key) != nil else { return "\(key) not listed" }
            return "\(key) \(configuration.isReadOnly(key) ? "read-only" : "writable")"
        }
        let writable = candidates.first { configuration.value(forKey: $0) != nil && !configuration.isReadOnly($0) }
        let chosen = writable ?? write.key
        let listed = candidates.contains { configuration.value(forKey: $0) != nil }
        guard listed else { return (chosen, nil) }
        return (chosen, "\(setting.rawValue) is contested (\(candidates.joined(separator: " or "))): the station lists "
                    + candidates.map(describe).joined(separator: ", ") + "; writing \(chosen)")
    }
}
