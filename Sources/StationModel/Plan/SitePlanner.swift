import AllocationCore

/// The whole-site plan `apply` executes and `plan` prints (SPEC §3): per station the licence key (own reboot),
/// the station and socket limits, ALB on the host station, the SCN settings on every member, then a Reset.
public enum SitePlanner {
    /// - Parameters:
    ///   - licenceKeys: resolved by the shell from the site's secret references, by station id.
    ///   - known: the stations' current configuration where connected; the plan is then a diff.
    ///   - registerMaps: the register maps of the site's meter presets, by preset name (the HTTPS link writes the
    ///     map of a meter other than a Socomec).
    public static func plan(_ site: Site, link: LinkKind = .ocpp, licenceKeys: [String: LicenceKey] = [:],
                            known: [String: StationConfiguration] = [:], aliases: KeyAliases = .none,
                            registerMaps: [String: CustomRegisterMap] = [:]) throws(ConfigErrors) -> Plan {
        let report = SiteValidator.validate(site, link: link)
        guard report.isValid else { throw ConfigErrors(report.errors) }
        var warnings = report.warnings
        let layout = SiteLayout(site)
        let members = site.scnMembers(layout: layout)

        var albChanges: [SettingChange] = []
        if let alb = site.alb {
            var request = ALBRequest(site: alb)
            request.phaseConnected = site.plannedPhaseConnected(layout: layout)
            let map = request.meter?.preset.flatMap { registerMaps[$0] }
            request.meter?.registerMap = map
            let planned = try ALBPlanner.changes(request, link: link)
            albChanges = planned.changes
            warnings += planned.warnings
        }
        let scnPlans = site.scn.map { scn in
            SCNPlanner.create(members, SCNParameters(name: scn.name, totalCurrent: site.installation.maxCurrent,
                                                     socketSafeCurrent: scn.socketSafeCurrent, alternatingPeriod: scn.alternatingPeriod,
                                                     totalSafeCurrent: scn.totalSafeCurrent))
        }

        var stations: [StationPlan] = []
        for (index, station) in site.stations.enumerated() {
            var plan = StationPlan(station: station.id)
            if let key = licenceKeys[station.id] { plan.unlock = SettingChange(.licenseKey, .secret(key.normalised)) }
            plan.changes.append(SettingChange(.stationMaxCurrent, .amperes(station.maxCurrent)))
            for (offset, socket) in station.sockets.enumerated() {
                plan.changes.append(SettingChange(.connectorMaxCurrent(offset + 1), .amperes(socket.maxCurrent)))
            }
            if let probing = station.probingCurrent { plan.changes.append(SettingChange(.probingCurrent, .amperes(probing))) }
            if index == site.albStationIndex { plan.changes += albChanges }
            if let scnPlans { plan.changes += scnPlans[index].changes }
            if let configuration = known[station.id] { plan = plan.diff(against: configuration, aliases: aliases) }
            stations.append(plan)
        }
        return Plan(stations: stations, warnings: warnings)
    }
}

/// `unlock`: the licence key, then a Reset and a check of `UnlockedFeatures` (SPEC §1).
public enum UnlockPlanner {
    public static func plan(station: String, key: LicenceKey) -> StationPlan {
        StationPlan(station: station, unlock: SettingChange(.licenseKey, .secret(key.normalised)))
    }

    /// Parses a key as typed, with the problem named the way `--license-key` reports it.
    public static func licenceKey(_ text: String, field: FieldPath) throws(ConfigErrors) -> LicenceKey {
        do {
            return try LicenceKey(text)
        } catch {
            throw ConfigErrors([ConfigError(code: "licence.format", path: field, message: error.description,
                                            hint: "a key looks like 1A2B.3C4D.5E6F.7A8B.9C0D.1E2F (any separator; 24 hex digits)")])
        }
    }
}
