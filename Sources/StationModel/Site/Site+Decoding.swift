import AllocationCore

extension Site {
    static let keys = ["site", "installation", "scn", "alb", "stations"]

    /// Decodes a site document. Structural problems (unknown keys, wrong types, missing fields) throw at the first;
    /// rules between fields are `SiteValidator`'s.
    public init(document: ConfigNode, file: String?) throws {
        let root = FieldReader(document, file: file)
        var lines = LineBook()
        let fields = try root.mapping(known: Self.keys)
        let name = try fields["site"]?.string() ?? ""
        let installation = try Installation(try root.required("installation", in: fields), lines: &lines)
        let scn = try fields["scn"].flatMap { $0.isNull ? nil : try SCNSettings($0, lines: &lines) }
        let alb = try fields["alb"].flatMap { $0.isNull ? nil : try ALBSettings($0, lines: &lines) }
        let stations = try root.required("stations", in: fields).sequence().map { try StationEntry($0, lines: &lines) }
        self.init(name: name, installation: installation, scn: scn, alb: alb, stations: stations)
        self.file = file
        self.lines = lines.lines
    }
}

/// Remembers the line of every field read, so later validation can point at it.
struct LineBook {
    var lines: [FieldPath: Int] = [:]
    mutating func note(_ reader: FieldReader) { lines[reader.path] = reader.line }
    mutating func note(_ fields: [String: FieldReader]) { for field in fields.values { note(field) } }
}

extension FieldReader {
    public func required(_ key: String, in fields: [String: FieldReader]) throws -> FieldReader {
        guard let field = fields[key], !field.isNull else {
            throw error("file.missing-key", "\"\(key)\" is required here", hint: "add \(key): … under \(path)")
        }
        return field
    }

    func mappingValue() throws -> PhaseMapping {
        let text = try string()
        switch Validator.phaseMapping(text, at: path) {
        case let .success(mapping): return mapping
        case let .failure(problem): throw error(problem.code, problem.message, hint: problem.hint)
        }
    }

    func secret() throws -> SecretRef {
        if case .scalar = node.value { return .literal(try string()) }
        let fields = try mapping(known: ["env", "file"])
        if let env = fields["env"] { return .env(try env.string()) }
        if let file = fields["file"] { return .file(try file.string()) }
        throw error("file.missing-key", "a secret needs env: NAME or file: PATH", hint: "for example { env: BAY1_LICENSE }")
    }
}

extension Installation {
    init(_ reader: FieldReader, lines: inout LineBook) throws {
        let fields = try reader.mapping(known: ["phases", "maxCurrent"])
        lines.note(fields)
        self.init(phases: try reader.required("phases", in: fields).integer("1 or 3"),
                  maxCurrent: try reader.required("maxCurrent", in: fields).amperes())
    }
}

extension SCNSettings {
    init(_ reader: FieldReader, lines: inout LineBook) throws {
        let fields = try reader.mapping(known: ["name", "socketSafeCurrent", "alternatingPeriod", "totalSafeCurrent"])
        lines.note(reader)
        lines.note(fields)
        self.init(name: try reader.required("name", in: fields).string(),
                  socketSafeCurrent: try fields["socketSafeCurrent"]?.amperes() ?? 6,
                  alternatingPeriod: try fields["alternatingPeriod"]?.seconds() ?? 900,
                  totalSafeCurrent: try fields["totalSafeCurrent"]?.amperes())
    }
}

extension ALBSettings {
    static let keys = ["source", "maxCurrent", "safeCurrent", "includesChargers", "phaseConnected",
                       "allowPhaseSwitching", "station", "meter", "ems"]

    init(_ reader: FieldReader, lines: inout LineBook) throws {
        let fields = try reader.mapping(known: Self.keys)
        lines.note(reader)
        lines.note(fields)
        let sourceName = try reader.required("source", in: fields).choice(ALBSource.allCases.map(\.rawValue))
        self.init(source: ALBSource(rawValue: sourceName) ?? .p1,
                  maxCurrent: try reader.required("maxCurrent", in: fields).amperes(),
                  safeCurrent: try reader.required("safeCurrent", in: fields).amperes(),
                  includesChargers: try fields["includesChargers"]?.bool() ?? false,
                  phaseConnected: try fields["phaseConnected"]?.mappingValue(),
                  allowPhaseSwitching: try fields["allowPhaseSwitching"]?.bool() ?? false,
                  station: try fields["station"]?.string(),
                  meter: try fields["meter"].map { try MeterSettings($0, lines: &lines) },
                  ems: try fields["ems"].map { try EMSSettings($0, lines: &lines) })
    }
}

extension MeterSettings {
    init(_ reader: FieldReader, lines: inout LineBook) throws {
        let fields = try reader.mapping(known: ["host", "port", "unit", "preset"])
        lines.note(fields)
        self.init(host: try reader.required("host", in: fields).string(),
                  port: try fields["port"]?.integer("a TCP port") ?? 502,
                  unit: try reader.required("unit", in: fields).integer("a Modbus unit id"),
                  preset: try reader.required("preset", in: fields).string())
    }
}

extension EMSSettings {
    init(_ reader: FieldReader, lines: inout LineBook) throws {
        let fields = try reader.mapping(known: ["mode", "validityTime"])
        lines.note(fields)
        let mode = try fields["mode"]?.choice(["socket", "scn"]) ?? "scn"
        self.init(mode: mode == "socket" ? .socket : .scn, validityTime: try fields["validityTime"]?.seconds() ?? 60)
    }
}

extension StationEntry {
    static let keys = ["id", "name", "host", "model", "phases", "feeders", "socketId", "maxCurrent", "probingCurrent",
                       "licenseKey", "ocppPassword", "httpsPassword", "sockets"]

    init(_ reader: FieldReader, lines: inout LineBook) throws {
        let fields = try reader.mapping(known: Self.keys)
        lines.note(reader)
        lines.note(fields)
        let sockets = try reader.required("sockets", in: fields).sequence().map { socket in
            let socketFields = try socket.mapping(known: ["maxCurrent", "phaseMapping"])
            lines.note(socket)
            lines.note(socketFields)
            return SocketEntry(maxCurrent: try socket.required("maxCurrent", in: socketFields).amperes(),
                               phaseMapping: try socketFields["phaseMapping"]?.mappingValue())
        }
        self.init(id: try reader.required("id", in: fields).string(),
                  name: try fields["name"]?.string(),
                  host: try fields["host"]?.string(),
                  model: try fields["model"]?.string(),
                  phases: try fields["phases"]?.integer("1 or 3"),
                  feeders: try fields["feeders"]?.integer("1 or 2") ?? 1,
                  socketID: try fields["socketId"]?.integer("an SCN socket id"),
                  maxCurrent: try reader.required("maxCurrent", in: fields).amperes(),
                  probingCurrent: try fields["probingCurrent"]?.amperes(),
                  licenseKey: try fields["licenseKey"]?.secret(),
                  ocppPassword: try fields["ocppPassword"]?.secret(),
                  httpsPassword: try fields["httpsPassword"]?.secret(),
                  sockets: sockets)
    }
}
