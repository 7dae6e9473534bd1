import AllocationCore

/// `scn add` without a site file (SPEC §3: "the existing members' configuration: from a connection"): the members
/// and the network's parameters as the connected stations report them.
public enum SCNMembersFromStations {
    /// The keys to read from every member.
    public static func keys(aliases: KeyAliases = .none) -> [String] {
        [SettingID.scnName, .scnSocketID, .scnSocketCount, .scnTotalCurrent, .scnSocketSafeCurrent, .scnAlternatingPeriod,
         .scnPhaseMapping1, .scnPhaseMapping2].compactMap { aliases.ocppKey(for: SettingsCatalog.setting($0)) }
    }

    /// One member from its configuration; a second socket exists when `SCN-PhaseMapping-2` is not 0.
    public static func member(_ station: String, _ configuration: StationConfiguration, aliases: KeyAliases = .none) throws(ConfigErrors) -> SCNMember {
        guard case .integer(let first)? = value(.scnSocketID, configuration, aliases) else {
            throw missing(station, .scnSocketID, aliases)
        }
        guard case .mapping(let mapping1?)? = value(.scnPhaseMapping1, configuration, aliases) else {
            throw missing(station, .scnPhaseMapping1, aliases)
        }
        var mappings = [mapping1]
        if case .mapping(let mapping2?)? = value(.scnPhaseMapping2, configuration, aliases) { mappings.append(mapping2) }
        return SCNMember(station: station, firstSocketID: first, socketCount: mappings.count, mappings: mappings)
    }

    /// The network's name and currents, as the first member has them; its name must be `name`.
    public static func parameters(name: String, from station: String, _ configuration: StationConfiguration,
                                  aliases: KeyAliases = .none) throws(ConfigErrors) -> SCNParameters {
        guard case .text(let found)? = value(.scnName, configuration, aliases), found == name else {
            let found = configuration.value(forKey: aliases.ocppKey(for: SettingsCatalog.setting(.scnName)) ?? "") ?? "nothing"
            throw ConfigErrors([ConfigError(code: "scn.name-mismatch", path: .root + "member",
                                            message: "\(station) is in SCN \"\(found)\", not \(name)",
                                            hint: "check --name, and that every --member belongs to that SCN")])
        }
        guard case .amperes(let total)? = value(.scnTotalCurrent, configuration, aliases) else { throw missing(station, .scnTotalCurrent, aliases) }
        let safe: Double = if case .amperes(let amps)? = value(.scnSocketSafeCurrent, configuration, aliases) { amps } else { 6 }
        let period: Double = if case .integer(let seconds)? = value(.scnAlternatingPeriod, configuration, aliases) { Double(seconds) } else { 900 }
        return SCNParameters(name: name, totalCurrent: total, socketSafeCurrent: safe, alternatingPeriod: period)
    }

    static func value(_ id: SettingID, _ configuration: StationConfiguration, _ aliases: KeyAliases) -> SettingValue? {
        configuration.value(of: SettingsCatalog.setting(id), aliases: aliases)
    }

    static func missing(_ station: String, _ id: SettingID, _ aliases: KeyAliases) -> ConfigErrors {
        let key = aliases.ocppKey(for: SettingsCatalog.setting(id)) ?? id.rawValue
        return ConfigErrors([ConfigError(code: "scn.member-unreadable", path: .root + "member",
                                         message: "\(station) does not report a usable \(key)",
                                         hint: "check that it is an SCN member (`chargectl config get \(station) \(key)`), or give --site FILE")])
    }
}
