import SharedText
import AllocationCore
import StationModel

/// What a simulated station runs after a reboot (issue 16): the site as the stations' *effective* settings describe
/// it, not as the site file does — so a station told a wrong `SCN-TotalStaticCurrent` shares the wrong total, as a
/// real one would. Seen from one station (`viewer`): its SCN is the stations whose effective SCN name is its own,
/// the SCN-wide values (total, safe currents, alternating period) are the viewer's, each member's own limits,
/// socket ids and mappings are that member's, and ALB is the member that has it switched on. Pure.
enum EffectiveSite {
    struct View: Sendable {
        var timeline: SiteTimeline
        /// The viewer's SCN socket ids in this view, connector 1 first.
        var socketIDs: [Int]
    }

    /// The viewer's view, or nil when the effective settings do not make a site the allocation core accepts (the
    /// station then keeps what it ran before).
    static func view(of viewer: Int, original: Site, scenario: Scenario?, configs: [StationConfigStore]) -> View? {
        guard configs.indices.contains(viewer), let site = site(of: viewer, original: original, configs: configs),
              let timeline = try? SiteTimeline(site: site, scenario: translate(scenario ?? original.defaultScenario(), from: original, to: site))
        else { return nil }
        let id = original.stations[viewer].id
        guard let index = site.stations.firstIndex(where: { $0.id == id }) else { return nil }
        let socketIDs = (1...site.stations[index].sockets.count).compactMap { timeline.layout.socket(station: index, connector: $0)?.scnID }
        return View(timeline: timeline, socketIDs: socketIDs)
    }

    static func site(of viewer: Int, original: Site, configs: [StationConfigStore]) -> Site? {
        let own = Settings(configs[viewer])
        let network = own.scnName
        let members = original.stations.indices.filter { index in
            index == viewer || (network != nil && Settings(configs[index]).scnName == network)
        }
        var site = original
        site.lines = [:]
        site.stations = members.map { station($0, original: original, Settings(configs[$0])) }
        if let network {
            site.scn = SCNSettings(name: network, socketSafeCurrent: own.amps("SCN-SocketSafeCurrent") ?? 6,
                                   alternatingPeriod: own.amps("SCN-AlternatingPeriod") ?? 900,
                                   totalSafeCurrent: own.amps("SCN-TotalSafeCurrent"))
            site.installation.maxCurrent = own.amps("SCN-TotalStaticCurrent") ?? original.installation.maxCurrent
        } else {
            // Outside an SCN the station is alone behind the fuse the site file names (no key holds it).
            site.scn = nil
            site.stations = site.stations.map { entry in
                var alone = entry
                alone.socketID = nil
                return alone
            }
        }
        site.alb = alb(original: original, members: members, configs: configs)
        return site
    }

    static func station(_ index: Int, original: Site, _ settings: Settings) -> StationEntry {
        var entry = original.stations[index]
        entry.maxCurrent = settings.amps("Station-MaxCurrent") ?? entry.maxCurrent
        entry.probingCurrent = settings.amps("Chameleon-MinCurrent") ?? entry.probingCurrent
        if settings.scnName != nil, let first = settings.integer("SCN-SocketID") { entry.socketID = first }
        for socket in entry.sockets.indices {
            let connector = socket + 1
            entry.sockets[socket].maxCurrent = settings.amps("Connector\(connector)-MaxCurrent") ?? entry.sockets[socket].maxCurrent
            if let number = settings.integer("SCN-PhaseMapping-\(connector)"), PhaseMapping.all.indices.contains(number - 1) {
                entry.sockets[socket].phaseMapping = PhaseMapping.all[number - 1]
            }
        }
        return entry
    }

    /// ALB as the member that has it on runs it: its source, limits and EMS mode.
    static func alb(original: Site, members: [Int], configs: [StationConfigStore]) -> ALBSettings? {
        guard let host = members.first(where: { Settings(configs[$0]).flag("Active-LoadBalancing") }) else { return nil }
        let settings = Settings(configs[host])
        let source: ALBSource
        if settings.flag("MbsSlaveTCPIP") {
            source = .ems
        } else {
            switch settings.text("ALB-ProtocolSelection")?.lowercased() {
            case "modbus tcp/ip": source = .modbusTCP
            case "modbus rtu": source = .modbusRTU
            case "tic protocol": source = .tic
            default: source = .p1
            }
        }
        let maxCurrent = settings.amps("SmartMeter-MaxCurrent") ?? original.alb?.maxCurrent ?? 25
        let safe = min(settings.amps("Safe-MaxCurrent") ?? original.alb?.safeCurrent ?? 6, maxCurrent)
        var alb = ALBSettings(source: source, maxCurrent: maxCurrent, safeCurrent: safe,
                              includesChargers: settings.flag("SmartMeterIncludesCharger"),
                              station: original.stations[host].id)
        if source == .modbusTCP || source == .modbusRTU {
            // The meter the virtual site simulates is the site file's; the station's address and unit only say
            // where it would look.
            alb.meter = original.alb?.meter ?? MeterSettings(host: "127.0.0.1", unit: settings.integer("MBTCPSmart-SlaveUnitID") ?? 5,
                                                             preset: VirtualSiteOptions.defaultMeterPreset)
        }
        if source == .ems {
            let mode: EMSMode = settings.text("MbsSlaveTCPIPMode")?.lowercased() == "socket" ? .socket : .scn
            alb.ems = EMSSettings(mode: mode, validityTime: settings.amps("MbsSlaveTCPIPValidityTime") ?? 60)
        }
        return alb
    }

    /// The scenario's socket and station references, resolved against the site file and re-addressed by station
    /// id and connector, so they name the same sockets in a view whose socket ids differ; events about stations
    /// outside the view are dropped.
    static func translate(_ scenario: Scenario, from original: Site, to view: Site) -> Scenario {
        let layout = SiteLayout(original)
        let members = Set(view.stations.map(\.id))
        func station(_ name: String) -> String? {
            original.stations.first { $0.id == name || $0.name == name }.map(\.id).flatMap { members.contains($0) ? $0 : nil }
        }
        func socket(_ ref: SocketRef) -> SocketRef? {
            switch ref {
            case let .scnID(id):
                guard let found = layout.sockets.first(where: { $0.scnID == id }), members.contains(original.stations[found.station].id) else { return nil }
                return .connector(station: original.stations[found.station].id, connector: found.connector)
            case let .connector(name, connector):
                return station(name).map { .connector(station: $0, connector: connector) }
            }
        }
        let events = scenario.events.compactMap { event -> ScenarioEvent? in
            var copy = event
            switch event.kind {
            case let .connect(ref, profile): guard let ref = socket(ref) else { return nil }; copy.kind = .connect(ref, profile)
            case let .disconnect(ref): guard let ref = socket(ref) else { return nil }; copy.kind = .disconnect(ref)
            case let .stationOffline(name): guard let id = station(name) else { return nil }; copy.kind = .stationOffline(id)
            case let .stationOnline(name): guard let id = station(name) else { return nil }; copy.kind = .stationOnline(id)
            case let .stationProfile(name, limit): guard let id = station(name) else { return nil }; copy.kind = .stationProfile(id, limit: limit)
            case let .socketProfile(ref, limit): guard let ref = socket(ref) else { return nil }; copy.kind = .socketProfile(ref, limit: limit)
            case let .emsSocket(ref, limit):
                guard let ref = socket(ref), view.alb?.source == .ems else { return nil }
                copy.kind = .emsSocket(ref, limit: limit)
            case .ems: if view.alb?.source != .ems { return nil }
            case let .overdraw(ref, current): guard let ref = socket(ref) else { return nil }; copy.kind = .overdraw(ref, current: current)
            case .load, .meterOffline, .meterOnline: break
            }
            return copy
        }
        return Scenario(duration: scenario.duration, events: events)
    }

    /// A station's effective values, read as the catalog's kinds.
    struct Settings {
        let store: StationConfigStore
        init(_ store: StationConfigStore) { self.store = store }

        func text(_ key: String) -> String? { store.effectiveValue(key) }
        func amps(_ key: String) -> Double? { text(key).flatMap { Double($0.trimmingSpaces) }.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
        func integer(_ key: String) -> Int? { text(key).flatMap { Int($0.trimmingSpaces) } }
        func flag(_ key: String) -> Bool { ["on", "true", "1"].contains(text(key)?.trimmingSpaces.lowercased() ?? "") }

        /// The SCN the station is in: enabled and named.
        var scnName: String? {
            guard flag("SCN-IsEnabled"), let name = text("SCN-NetworkName"), !name.isEmpty else { return nil }
            return name
        }
    }
}
