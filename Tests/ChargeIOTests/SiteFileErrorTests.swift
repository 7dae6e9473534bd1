import ChargeIO
import StationModel
import Testing

/// Loader errors name the file, line and field path, say what was expected and found, and suggest the fix.
@Suite struct SiteFileErrorTests {
    static let valid = """
        site: Test
        installation:
          phases: 3
          maxCurrent: 40
        scn:
          name: PLAZA1
        stations:
          - id: A
            maxCurrent: 32
            sockets:
              - maxCurrent: 32
          - id: B
            maxCurrent: 32
            sockets:
              - maxCurrent: lots
        """

    func siteError(_ yaml: String) throws -> ConfigError {
        do {
            let site = try Site(document: try YAMLDocument.parse(yaml, file: "site.yaml"), file: "site.yaml")
            let report = SiteValidator.validate(site)
            return try #require(report.errors.first, "no error for:\n\(yaml)")
        } catch let error as ConfigError {
            return error
        }
    }

    @Test func wrongTypeNamesLineFieldAndFoundValue() throws {
        let error = try siteError(Self.valid)
        #expect(error.description == #"site.yaml:15: stations[1].sockets[0].maxCurrent: expected amperes, found "lots""#)
        #expect(error.code == "file.type")
    }

    @Test(arguments: [
        // (yaml edit, code, field path, line, message fragment)
        ("maxCurent: 40", "file.unknown-key", "installation.maxCurent", 4, #"did you mean "maxCurrent"?"#),
        ("  phaseMaping: L1", "file.unknown-key", "stations[0].sockets[0].phaseMaping", 12, #"did you mean "phaseMapping"?"#),
    ])
    func unknownKeysSuggestTheKnownOne(edit: String, code: String, path: String, line: Int, fragment: String) throws {
        var yaml = Self.valid.replacingOccurrences(of: "maxCurrent: lots", with: "maxCurrent: 16")
        if edit.hasPrefix("maxCurent") {
            yaml = yaml.replacingOccurrences(of: "  maxCurrent: 40", with: "  " + edit)
        } else {
            yaml = yaml.replacingOccurrences(of: "      - maxCurrent: 32\n", with: "      - maxCurrent: 32\n      " + edit + "\n")
        }
        let error = try siteError(yaml)
        #expect(error.code == code)
        #expect(error.path.description == path)
        #expect(error.line == line)
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(!error.hint.isEmpty)
    }

    @Test(arguments: [
        ("installation:\n  phases: 3\nstations: []\n", "file.missing-key", "installation"),
        ("site: [1, 2\n", "file.syntax", "(document)"),
        ("", "file.empty", "(document)"),
        ("installation: { phases: 3, maxCurrent: 40 }\nstations:\n  - id: A\n    maxCurrent: \"32\"\n    sockets: [{maxCurrent: 16}]\n", "file.type", "stations[0].maxCurrent"),
        ("installation: { phases: 3, maxCurrent: 40 }\nstations:\n  - id: A\n    maxCurrent: 32\n    sockets: [{maxCurrent: 16, phaseMapping: L1L1L2}]\n", "file.value", "stations[0].sockets[0].phaseMapping"),
        ("installation: { phases: 3, maxCurrent: 40 }\nalb: { source: modbus, maxCurrent: 40, safeCurrent: 10 }\nstations: [{id: A, maxCurrent: 32, sockets: [{maxCurrent: 16}]}]\n", "file.value", "alb.source"),
        ("installation: { phases: 3, maxCurrent: 40 }\nstations: [{id: A, maxCurrent: 32, sockets: [{maxCurrent: 16}]}, {id: B, maxCurrent: 32, sockets: [{maxCurrent: 16}]}]\n", "site.scn-required", "scn"),
        ("installation: { phases: 3, maxCurrent: 40 }\nscn: { name: plaza }\nstations: [{id: A, maxCurrent: 32, sockets: [{maxCurrent: 16}]}]\n", "scn.name", "scn.name"),
        ("installation: { phases: 1, maxCurrent: 40 }\nstations: [{id: A, maxCurrent: 32, sockets: [{maxCurrent: 16, phaseMapping: L1L2L3}]}]\n", "mapping.single-phase-installation", "stations[0].sockets[0].phaseMapping"),
        ("installation: { phases: 3, maxCurrent: 40 }\nstations: [{id: A, maxCurrent: 16, sockets: [{maxCurrent: 32}]}]\n", "socket.max-above-station", "stations[0].sockets[0].maxCurrent"),
        ("installation: { phases: 3, maxCurrent: 40 }\nscn: { name: P1, alternatingPeriod: 59 }\nstations: [{id: A, maxCurrent: 32, sockets: [{maxCurrent: 16}]}]\n", "scn.alternating-period", "scn.alternatingPeriod"),
        ("installation: { phases: 3, maxCurrent: 40 }\nalb: { source: modbus-tcp, maxCurrent: 40, safeCurrent: 10, meter: { host: 'fe80::1', unit: 5, preset: socomec-countis-e27 } }\nstations: [{id: A, maxCurrent: 32, sockets: [{maxCurrent: 16}]}]\n", "alb.meter-ipv6", "alb.meter.host"),
    ])
    func refusedWithCodeAndField(yaml: String, code: String, path: String) throws {
        let error = try siteError(yaml)
        #expect(error.code == code, "\(error)")
        #expect(error.path.description == path, "\(error)")
        #expect(error.file == "site.yaml")
    }

    @Test func scenarioErrorsPointAtTheEvent() throws {
        let site = try Site(document: try YAMLDocument.parse(Self.valid.replacingOccurrences(of: "lots", with: "16"), file: "site.yaml"), file: "site.yaml")
        let scenarioText = "duration: 1h\nevents:\n  - at: 0s\n    connect: { socket: C:1 }\n"
        let scenario = try Scenario(document: try YAMLDocument.parse(scenarioText, file: "s.yaml"), file: "s.yaml")
        #expect(throws: ConfigError.self) { try ScenarioResolver(site: site, file: "s.yaml").events(scenario) }
        do {
            _ = try ScenarioResolver(site: site, file: "s.yaml").events(scenario)
        } catch let error as ConfigError {
            #expect(error.description == #"s.yaml:3: events[0]: no station "C" on this site"#)
            #expect(error.code == "scenario.station-unknown")
        }
        let badDuration = "duration: soon\n"
        #expect(throws: ConfigError.self) { try Scenario(document: try YAMLDocument.parse(badDuration, file: "s.yaml"), file: "s.yaml") }
    }

    /// SPEC §3: a station's HTTPS password is a secret reference like its OCPP password.
    @Test func httpsPasswordIsASecretReference() throws {
        let yaml = Self.valid.replacingOccurrences(of: "maxCurrent: lots", with: "maxCurrent: 16")
            .replacingOccurrences(of: "  - id: A\n", with: "  - id: A\n    httpsPassword: { env: BAY1_HTTPS }\n")
        let site = try Site(document: try YAMLDocument.parse(yaml, file: "site.yaml"), file: "site.yaml")
        #expect(site.stations[0].httpsPassword == .env("BAY1_HTTPS"))
        #expect(site.stations[1].httpsPassword == nil)
    }
}
