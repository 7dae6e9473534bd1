import AllocationCore

/// Judges a decoded site against the rules of SPEC §3 ("Validation"). Every rule has a stable code and names the
/// field; all problems are reported at once.
public struct SiteValidator {
    let site: Site
    /// nil: judged without a link (preview); link-specific rules apply only to a given link.
    let link: LinkKind?
    var report = ValidationReport()

    /// `link` matters for the settings only one link can carry (SPEC §3); preview passes the default.
    public static func validate(_ site: Site, link: LinkKind? = nil) -> ValidationReport {
        var validator = SiteValidator(site: site, link: link)
        validator.checkStructure()
        if validator.report.isValid {
            let layout = SiteLayout(site)
            validator.checkCurrents()
            validator.checkSCN(layout)
            validator.checkMappings(layout)
            validator.checkALB()
            validator.checkReach(layout)
        }
        return validator.report
    }

    mutating func fail(_ code: String, _ path: FieldPath, _ message: String, hint: String) {
        report.errors.append(ConfigError(code: code, file: site.file, line: line(path), path: path, message: message, hint: hint))
    }

    /// Errors from the shared rules (`Validator`), placed in this site's file at the line of their field.
    mutating func add(_ errors: [ConfigError]) {
        for error in errors { fail(error.code, error.path, error.message, hint: error.hint) }
    }

    mutating func warn(_ code: String, _ path: FieldPath?, _ message: String, hint: String) {
        report.warnings.append(Finding(.warn, code, message, hint: hint, path: path))
    }

    /// The line of a field, or of the nearest enclosing field that has one.
    func line(_ path: FieldPath) -> Int? {
        var components = path.components
        while !components.isEmpty {
            if let line = site.lines[FieldPath(components)] { return line }
            components.removeLast()
        }
        return nil
    }

    static func station(_ index: Int) -> FieldPath { FieldPath.root + "stations" + index }
    static func socket(_ station: Int, _ socket: Int) -> FieldPath { Self.station(station) + "sockets" + socket }

    mutating func checkStructure() {
        if site.stations.isEmpty {
            fail("site.no-stations", .root + "stations", "the site has no stations", hint: "list at least one station under stations:")
        }
        if site.stations.count > 1, site.scn == nil {
            fail("site.scn-required", .root + "scn", "\(site.stations.count) stations need an scn block",
                 hint: "add scn: { name: …, socketSafeCurrent: 6, alternatingPeriod: 900 }, or keep one station per site file")
        }
        if ![1, 3].contains(site.installation.phases) {
            fail("installation.phases", .root + "installation" + "phases", "an installation has 1 or 3 phases, not \(site.installation.phases)",
                 hint: "write phases: 1 or phases: 3")
        }
        var seen: [String: Int] = [:]
        for (index, station) in site.stations.enumerated() {
            if let first = seen[station.id] {
                fail("station.duplicate-id", Self.station(index) + "id", "station id \(station.id) is also stations[\(first)]'s",
                     hint: "every station's OCPP identity is unique; check for a copy-paste")
            }
            seen[station.id] = seen[station.id] ?? index
            if !(1...2).contains(station.sockets.count) {
                fail("station.socket-count", Self.station(index) + "sockets", "a station has 1 or 2 sockets, not \(station.sockets.count)",
                     hint: "list one entry per socket")
            }
            if let phases = station.phases, ![1, 3].contains(phases) {
                fail("station.phases", Self.station(index) + "phases", "a station has 1 or 3 phases, not \(phases)", hint: "write phases: 1 or 3")
            }
            if let model = station.model {
                if let known = StationModels.lookup(model) {
                    if let phases = station.phases, phases != known.phases {
                        fail("station.phases-model", Self.station(index) + "phases",
                             "stations[\(index)] is a \(known.phases)-phase \(known.chargePointModel) (\(known.description)), not \(phases)-phase",
                             hint: "leave phases out to take the model's, or correct the model")
                    }
                } else {
                    warn("station.model-unknown", Self.station(index) + "model",
                         "model \(model) is not in the manual's table: its phases are taken from the site, not guessed",
                         hint: "give phases: 1 or 3 for this station if it differs from the installation")
                }
            }
            if let socketID = station.socketID {
                // Checked before the layout adds to it: an id near Int.max would overflow there.
                add(Validator.socketID(socketID, at: Self.station(index) + "socketId"))
            }
            if !(1...2).contains(station.feeders) {
                fail("station.feeders", Self.station(index) + "feeders", "feeders is 1 or 2, not \(station.feeders)",
                     hint: "2 only when each socket of a two-socket station has its own feeder")
            }
        }
    }
}
