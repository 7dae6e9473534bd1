import AllocationCore
import StationModel

/// What the demo runs, decided before anything starts: the commands an installer would type for the site, in
/// order, and what every changed setting must read back as. Pure, so the script is tested without a virtual site.
struct DemoScript: Sendable {
    /// One stage of the commissioning; its steps run in parallel when `parallel` (one command per station).
    struct Stage: Sendable {
        /// What the stage does, for the run and the summary to find it by (not by its wording).
        enum Kind: String, Sendable, Encodable { case discover, meterTest, unlock, alb, scn, readBack, stationStatus, verify }

        var kind: Kind
        var title: String
        var steps: [DemoStep]
        var parallel = false
    }

    var stages: [Stage]
    /// The licence keys the unlock steps read, by environment variable (never on a command line, SPEC §6).
    var secrets: [String: String]
    /// Every setting the run changes, per station, as the OCPP link writes it.
    var expected: [String: [PlannedWrite]]

    /// The feature bits (alfen-station.md §4.4) the demo buys for every station: SCN and Active Load Balancing.
    static let features: [String] = ["scn", "alb"]

    /// - Parameters:
    ///   - site: the virtual site; its meter's address is what the ALB station is told.
    ///   - licenceKeys: a valid key per station id.
    ///   - modbusPorts: each station's Modbus TCP port, for `station status`.
    ///   - meter: where the simulated meter really listens, for `meter test`.
    ///   - wait: seconds each command waits for a station (to connect, or to come back after its reboot).
    ///   - listen: the central system's address, shown on the command lines (the commands share that one listener).
    ///   - httpsSite: with `demo --via https`, the site file giving each station's HTTPS address and password: the
    ///     changes go over the HTTPS link; the read-back stays on OCPP, so it also shows that the station kept
    ///     what its API took.
    ///   - verify: the site file `verify` reads and the report it writes; nil ends the script at station status.
    static func make(site: Site, licenceKeys: [String: String], modbusPorts: [String: Int],
                     meter: (port: Int, unit: Int)?, listen: String,
                     wait: Int, httpsSite: String? = nil, verify: (site: String, report: String)? = nil) throws -> DemoScript {
        let connect = ["--listen", listen, "--wait", "\(wait)"]
        let link: LinkKind = httpsSite == nil ? .ocpp : .https
        let via = httpsSite.map { ["--via", "https", "--site", $0, "--wait", "\(wait)"] } ?? connect
        // `--yes` on the commands that write: the demo runs unattended, on a terminal too (SPEC §1).
        let change = via + ["--yes"]
        var secrets: [String: String] = [:]
        var unlocks: [DemoStep] = []
        for station in site.stations {
            let variable = "CHARGECTL_DEMO_LICENCE_" + station.id.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            secrets[variable] = licenceKeys[station.id]
            unlocks.append(DemoStep(arguments: ["unlock", station.id, "--license-key-env", variable]
                + features.flatMap { ["--expect", $0] } + change))
        }

        var stages = [
            Stage(kind: .discover, title: "discover the stations (mDNS on loopback)",
                  steps: [DemoStep(arguments: ["discover", "--interface", "lo", "--expect", "\(site.stations.count)", "--timeout", "5"])]),
        ]
        if let meter, let preset = site.alb?.meter?.preset {
            stages.append(Stage(kind: .meterTest, title: "test the energy meter", steps: [DemoStep(arguments:
                ["meter", "test", "127.0.0.1:\(meter.port)", "--preset", preset, "--unit", "\(meter.unit)"])]))
        }
        stages.append(Stage(kind: .unlock, title: "unlock SCN and Active Load Balancing with each station's licence key", steps: unlocks, parallel: true))
        if let alb = site.alb, let index = site.albStationIndex {
            stages.append(Stage(kind: .alb, title: "configure Active Load Balancing (\(alb.source.rawValue))",
                                steps: [DemoStep(arguments: ["alb", "configure", site.stations[index].id]
                                                 + albArguments(alb, phaseConnected: site.plannedPhaseConnected(), link: link) + change)]))
        }
        if let scn = site.scn, let httpsSite {
            // Over HTTPS the members' addresses come from the site file, which names the SCN and its members too.
            stages.append(Stage(kind: .scn, title: "create the Smart Charging Network \(scn.name)", steps: [DemoStep(arguments:
                ["scn", "create", "--site", httpsSite, "--via", "https", "--wait", "\(wait)", "--yes"])]))
        } else if let scn = site.scn {
            let members = site.stations.flatMap { ["--station", $0.sockets.count > 1 ? "\($0.id):\($0.sockets.count)" : $0.id] }
            stages.append(Stage(kind: .scn, title: "create the Smart Charging Network \(scn.name)", steps: [DemoStep(arguments:
                ["scn", "create", "--name", scn.name] + members
                + ["--total-current", amps(site.installation.maxCurrent), "--socket-safe-current", amps(scn.socketSafeCurrent),
                   "--alternating-period", amps(scn.alternatingPeriod), "--phases", "\(site.installation.phases)"]
                + (scn.totalSafeCurrent.map { ["--total-safe-current", amps($0)] } ?? []) + change)]))
        }

        let expected = try expectedWrites(site, link: link)
        stages.append(Stage(kind: .readBack, title: "read every changed setting back",
                            steps: site.stations.map { station in
                                DemoStep(arguments: ["config", "get", station.id] + (expected[station.id] ?? []).map(\.key)
                                    + [unlockedFeaturesKey] + connect)
                            }, parallel: true))
        stages.append(Stage(kind: .stationStatus, title: "read each station's own Modbus server",
                            steps: site.stations.compactMap { station in
                                modbusPorts[station.id].map { DemoStep(arguments: ["station", "status", "127.0.0.1:\($0)"]) }
                            }))
        if let verify {
            // The commissioning checklist last (SPEC §8), over OCPP like the read-back (the whole site file, ALB
            // included), reading each station's Modbus server and the meter where they really listen; no mDNS
            // browse, so another virtual site on lo cannot join the judgement.
            let reach = site.stations.compactMap { station in modbusPorts[station.id].map { ["--modbus", "\(station.id)=127.0.0.1:\($0)"] } }.flatMap { $0 }
                + (site.alb?.source == .modbusTCP ? meter.map { ["--meter", "127.0.0.1:\($0.port)"] } ?? [] : []) + ["--mdns-timeout", "0"]
            stages.append(Stage(kind: .verify, title: "verify the site and write the commissioning report",
                                steps: [DemoStep(arguments: ["verify", verify.site, "--report", verify.report] + reach + connect)]))
        }
        return DemoScript(stages: stages, secrets: secrets, expected: expected)
    }

    static var unlockedFeaturesKey: String { SettingsCatalog.setting(.unlockedFeatures).ocppKey ?? "UnlockedFeatures" }

    /// The ALB and SCN settings of the whole-site plan: what `alb configure` and `scn create` write (the station
    /// and socket limits are `apply`'s, not the demo's), as the OCPP read-back sees them; over HTTPS only the
    /// settings that link writes.
    static func expectedWrites(_ site: Site, link: LinkKind = .ocpp) throws -> [String: [PlannedWrite]] {
        let plan = try SitePlanner.plan(site)
        // The settings the HTTPS link writes, by station (some have no property id).
        let overHTTPS: [String: Set<SettingID>]? = link == .ocpp ? nil : Dictionary(uniqueKeysWithValues:
            try RunPlan.compile(try SitePlanner.plan(site, link: .https), command: "demo", for: .https).stations.map { station in
                (station.station, Set(station.writes.compactMap(\.setting)))
            })
        var expected: [String: [PlannedWrite]] = [:]
        for station in plan.stations {
            var changes = station.changes.filter { !limitSettings.contains($0.setting) && !SettingsCatalog.setting($0.setting).isSecret }
            if let written = overHTTPS?[station.station] { changes = changes.filter { written.contains($0.setting) } }
            expected[station.station] = try RunPlan.compile(Plan(stations: [StationPlan(station: station.station, changes: changes)]),
                                                            command: "demo", for: .ocpp).stations.first?.writes ?? []
        }
        return expected
    }

    private static let limitSettings: Set<SettingID> =
        [.stationMaxCurrent, .probingCurrent, .connector1MaxCurrent, .connector2MaxCurrent]

    private static func albArguments(_ alb: ALBSettings, phaseConnected: PhaseMapping?, link: LinkKind) -> [String] {
        var arguments = ["--source", alb.source.rawValue, "--max-current", amps(alb.maxCurrent), "--safe-current", amps(alb.safeCurrent),
                         alb.includesChargers ? "--includes-chargers" : "--no-includes-chargers"]
        if let phaseConnected { arguments += ["--phase-connected", phaseConnected.name] }
        // Only the options the source takes on the link: the others are exit 2 (SPEC §3).
        func applies(_ field: ALBField) -> Bool { Validator.albField(field, appliesTo: alb.source, link: link) }
        if let meter = alb.meter {
            if applies(.meterHost) { arguments += ["--meter-host", meter.host, "--meter-port", "\(meter.port)"] }
            if applies(.meterUnit) { arguments += ["--meter-unit", "\(meter.unit)"] }
            if applies(.meterPreset) { arguments += ["--meter-preset", meter.preset] }
        }
        if let ems = alb.ems, applies(.emsMode) {
            arguments += ["--ems-mode", ems.mode.rawValue, "--ems-validity-time", amps(ems.validityTime)]
        }
        return arguments
    }

    private static func amps(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
