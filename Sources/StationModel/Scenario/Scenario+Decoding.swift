import AllocationCore

extension Scenario {
    static let eventKeys = ["connect", "disconnect", "load", "stationOffline", "stationOnline", "meterOffline",
                            "meterOnline", "profile", "ems", "overdraw"]

    public init(document: ConfigNode, file: String?) throws {
        let root = FieldReader(document, file: file)
        let fields = try root.mapping(known: ["duration", "events"])
        let durationField = try root.required("duration", in: fields)
        let duration = try durationField.time()
        guard duration > 0 else {
            throw fields["duration"]!.error("scenario.duration", "the duration must be longer than 0 s", hint: "for example duration: 2h")
        }
        let events = try fields["events"].map { try $0.isNull ? [] : $0.sequence().map(ScenarioEvent.init) } ?? []
        self.init(duration: duration, events: events)
    }
}

extension ScenarioEvent {
    init(_ reader: FieldReader) throws {
        let fields = try reader.mapping(known: ["at"] + Scenario.eventKeys)
        let at = try reader.required("at", in: fields).time()
        let named = Scenario.eventKeys.filter { fields[$0] != nil }
        guard named.count == 1, let key = named.first, let body = fields[key] else {
            throw reader.error("scenario.event", named.isEmpty ? "an event needs one of \(Scenario.eventKeys.joined(separator: ", "))"
                                                               : "one event per list item, found \(named.joined(separator: " and "))",
                               hint: "write each event as its own - at: … item")
        }
        self.init(at: at, kind: try Self.kind(key, body), path: reader.path, line: reader.line)
    }

    private static func kind(_ key: String, _ body: FieldReader) throws -> Kind {
        switch key {
        case "connect":
            let fields = try body.mapping(known: ["socket", "phases", "minCurrent", "maxCurrent", "energy"])
            let phases = try fields["phases"]?.integer("1, 2 or 3") ?? 1
            guard (1...3).contains(phases) else { throw fields["phases"]!.error("scenario.ev-phases", "an EV draws on 1, 2 or 3 phases, not \(phases)") }
            let minimum = try fields["minCurrent"]?.amperes() ?? 6
            guard minimum == 6 || minimum == 14 else {
                throw fields["minCurrent"]!.error("scenario.ev-minimum", "an EV's minimum is 6 or 14 A (the two classes probing tells apart)")
            }
            let energy = try fields["energy"].map { try $0.checked($0.number("kWh"), Validator.scenarioEnergy) }
            let maximum = try fields["maxCurrent"]?.scenarioAmperes() ?? .infinity
            guard maximum > 0 else { throw fields["maxCurrent"]!.error("scenario.ev-maximum", "an EV's maximum must be more than 0 A") }
            return .connect(try socket(body, fields),
                            EVProfile(phases: phases, minCurrent: minimum, maxCurrent: maximum, energy: energy))
        case "disconnect":
            return .disconnect(try socket(body, try body.mapping(known: ["socket"])))
        case "load":
            let fields = try body.mapping(known: ["L1", "L2", "L3"])
            var load = PhaseCurrents.zero
            for phase in Phase.allCases { load[phase] = try fields[phase.name]?.scenarioAmperes() ?? 0 }
            return .load(load)
        case "stationOffline": return .stationOffline(try body.string())
        case "stationOnline": return .stationOnline(try body.string())
        case "meterOffline": return try body.bool() ? .meterOffline : .meterOnline
        case "meterOnline": return try body.bool() ? .meterOnline : .meterOffline
        case "profile":
            let fields = try body.mapping(known: ["station", "socket", "limit"])
            guard let limitField = fields["limit"] else {
                throw body.error("file.missing-key", "\"limit\" is required here", hint: "limit: A, or limit: null to remove the cap")
            }
            let limit = limitField.isNull ? nil : try limitField.scenarioAmperes()
            if let station = fields["station"] { return .stationProfile(try station.string(), limit: limit) }
            return .socketProfile(try socket(body, fields), limit: limit)
        case "ems":
            let fields = try body.mapping(known: ["socket", "limit"])
            let limit = try body.required("limit", in: fields).scenarioAmperes()
            if fields["socket"] != nil { return .emsSocket(try socket(body, fields), limit: limit) }
            return .ems(limit: limit)
        default:
            let fields = try body.mapping(known: ["socket", "current"])
            return .overdraw(try socket(body, fields), current: try body.required("current", in: fields).scenarioAmperes())
        }
    }

    private static func socket(_ body: FieldReader, _ fields: [String: FieldReader]) throws -> SocketRef {
        let field = try body.required("socket", in: fields)
        let text = try field.string()
        guard let ref = SocketRef(text) else {
            throw field.error("scenario.socket", "\"\(text)\" is not a socket", hint: "write STATION:CONNECTOR (ACE0001234:1) or an SCN socket id (0, 1, …)")
        }
        return ref
    }
}

extension FieldReader {
    /// `value` after the shared rule `rule` (`Validator`), its first problem thrown at this field's file and line.
    func checked(_ value: Double, _ rule: (Double, FieldPath) -> [ConfigError]) throws -> Double {
        guard let problem = rule(value, path).first else { return value }
        throw error(problem.code, problem.message, hint: problem.hint)
    }

    /// A scenario time: seconds or a duration, finite and within 366 days (SPEC §3).
    func time() throws -> Double { try checked(seconds(), Validator.scenarioTime) }

    /// A current a scenario names, within what a site can carry (SPEC §3).
    func scenarioAmperes() throws -> Double { try checked(amperes(), Validator.scenarioCurrent) }
}
