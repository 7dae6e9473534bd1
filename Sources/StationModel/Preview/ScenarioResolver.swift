import AllocationCore

/// Turns a scenario's references (station ids or names, `STATION:CONNECTOR`, SCN ids) into the allocation core's
/// socket ids and station indices, refusing any that name nothing on the site.
public struct ScenarioResolver: Sendable {
    public let site: Site
    public let layout: SiteLayout
    public let file: String?

    public init(site: Site, layout: SiteLayout? = nil, file: String? = nil) {
        self.site = site
        self.layout = layout ?? SiteLayout(site)
        self.file = file
    }

    public func events(_ scenario: Scenario) throws -> [SiteEvent] {
        try scenario.events.map { event in SiteEvent(at: event.at, try kind(event)) }
    }

    /// Findings about events that change nothing on this site (a meter event without ALB, an EMS set point
    /// without an EMS), so a person is not misled by a preview that ignores them.
    public func ignoredEvents(_ scenario: Scenario) -> [Finding] {
        scenario.events.compactMap { event in
            let reason: String?
            switch event.kind {
            case .load, .meterOffline, .meterOnline:
                reason = site.alb == nil || site.alb?.source == .ems ? "the site has no ALB meter" : nil
            case .ems, .emsSocket:
                reason = site.alb?.source == .ems ? nil : "the site's ALB source is not ems"
            case .stationOffline, .stationOnline:
                reason = site.scn == nil ? "a lone station has no SCN link to lose" : nil
            default:
                reason = nil
            }
            return reason.map {
                Finding(.warn, "scenario.event-ignored", "the event at \(Quantity.decimal(event.at, places: 3)) s changes nothing: \($0)",
                        hint: "remove it or add the matching alb block", path: event.path)
            }
        }
    }

    func kind(_ event: ScenarioEvent) throws -> SiteEvent.Kind {
        switch event.kind {
        case let .connect(ref, profile): return .connect(profile, socket: try socket(ref, event))
        case let .disconnect(ref): return .disconnect(socket: try socket(ref, event))
        case let .load(load): return .load(load)
        case let .stationOffline(name): return .stationOffline(station: try station(name, event))
        case let .stationOnline(name): return .stationOnline(station: try station(name, event))
        case .meterOffline: return .meterOffline
        case .meterOnline: return .meterOnline
        case let .stationProfile(name, limit): return .stationProfile(station: try station(name, event), limit: limit)
        case let .socketProfile(ref, limit): return .socketProfile(socket: try socket(ref, event), limit: limit)
        case let .ems(limit): return .emsSCN(limit: limit)
        case let .emsSocket(ref, limit): return .emsSocket(socket: try socket(ref, event), limit: limit)
        case let .overdraw(ref, current): return .overdraw(socket: try socket(ref, event), current: current)
        }
    }

    func station(_ name: String, _ event: ScenarioEvent) throws -> Int {
        guard let index = site.stations.firstIndex(where: { $0.id == name || $0.name == name }) else {
            let known = site.stations.map(\.id)
            let suggestion = DidYouMean.suggestion(for: name, among: known)
            throw ConfigError(code: "scenario.station-unknown", file: file, line: event.line, path: event.path,
                              message: "no station \"\(name)\" on this site" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""),
                              hint: "stations: \(known.joined(separator: ", "))")
        }
        return index
    }

    func socket(_ ref: SocketRef, _ event: ScenarioEvent) throws -> Int {
        switch ref {
        case let .scnID(id):
            guard layout.sockets.contains(where: { $0.scnID == id }) else {
                throw ConfigError(code: "scenario.socket-unknown", file: file, line: event.line, path: event.path,
                                  message: "no SCN socket \(id) on this site",
                                  hint: "SCN socket ids here: \(layout.sockets.map { String($0.scnID) }.joined(separator: ", "))")
            }
            return id
        case let .connector(name, connector):
            let index = try station(name, event)
            guard let socket = layout.socket(station: index, connector: connector) else {
                throw ConfigError(code: "scenario.socket-unknown", file: file, line: event.line, path: event.path,
                                  message: "station \(name) has no connector \(connector)",
                                  hint: "connectors count from 1; it has \(site.stations[index].sockets.count)")
            }
            return socket.scnID
        }
    }
}
