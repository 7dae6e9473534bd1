import AllocationCore
import Testing
@testable import StationModel

/// SPEC §3 validation: each bad input is refused (exit 2, nothing sent) with its stable code and field path.
@Suite struct SiteValidationTableTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var code: String
        var path: String
        var edit: @Sendable (inout Site) -> Void
    }

    static func base() -> Site {
        var site = Site(
            name: "valid", installation: Installation(phases: 3, maxCurrent: 40),
            scn: SCNSettings(name: "PLAZA1", socketSafeCurrent: 6, alternatingPeriod: 900),
            alb: ALBSettings(source: .modbusTCP, maxCurrent: 63, safeCurrent: 12,
                             meter: MeterSettings(host: "192.168.0.4", port: 502, unit: 5, preset: "socomec-countis-e27")),
            stations: [
                StationEntry(id: "A", host: "192.168.0.21/24", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32), SocketEntry(maxCurrent: 32)]),
                StationEntry(id: "B", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)]),
                StationEntry(id: "C", maxCurrent: 16, sockets: [SocketEntry(maxCurrent: 16)]),
            ])
        site.file = "site.yaml"
        return site
    }

    static func c(_ description: String, _ code: String, _ path: String, _ edit: @escaping @Sendable (inout Site) -> Void) -> Case {
        Case(description: description, code: code, path: path, edit: edit)
    }

    static let cases: [Case] = [
        c("lowercase SCN name", "scn.name", "scn.name") { $0.scn?.name = "plaza1" },
        c("8-character SCN name", "scn.name", "scn.name") { $0.scn?.name = "PLAZA123" },
        c("empty SCN name", "scn.name", "scn.name") { $0.scn?.name = "" },
        c("SCN name with a dash", "scn.name", "scn.name") { $0.scn?.name = "PLAZA-1" },
        c("129 sockets", "scn.socket-id-range", "stations[64].socketId") { site in
            site.stations = (0..<65).map { StationEntry(id: "S\($0)", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32), SocketEntry(maxCurrent: 32)]) }
        },
        c("duplicate socket ids", "scn.duplicate-socket-id", "stations[2].socketId") { $0.stations[1].socketID = 3; $0.stations[2].socketID = 3 },
        c("socket id on a two-socket station's second id", "scn.duplicate-socket-id", "stations[1].socketId") { $0.stations[0].socketID = 0; $0.stations[1].socketID = 1 },
        c("socket id 128", "scn.socket-id-range", "stations[1].socketId") { $0.stations[1].socketID = 128 },
        c("IPv6 meter address", "alb.meter-ipv6", "alb.meter.host") { $0.alb?.meter?.host = "fe80::1" },
        c("meter host name", "alb.meter-host", "alb.meter.host") { $0.alb?.meter?.host = "meter.local" },
        c("meter address with an octet above 255", "alb.meter-host", "alb.meter.host") { $0.alb?.meter?.host = "192.168.0.256" },
        c("unit id 256 over TCP", "alb.meter-unit", "alb.meter.unit") { $0.alb?.meter?.unit = 256 },
        c("unit id -1", "alb.meter-unit", "alb.meter.unit") { $0.alb?.meter?.unit = -1 },
        c("unit id 0 over RTU", "alb.meter-unit", "alb.meter.unit") { $0.alb?.source = .modbusRTU; $0.alb?.meter?.unit = 0 },
        c("unit id 248 over RTU", "alb.meter-unit", "alb.meter.unit") { $0.alb?.source = .modbusRTU; $0.alb?.meter?.unit = 248 },
        c("meter port 0", "alb.meter-port", "alb.meter.port") { $0.alb?.meter?.port = 0 },
        c("ALB safe current above its max", "alb.safe-above-max", "alb.safeCurrent") { $0.alb?.safeCurrent = 70 },
        c("socket safe current above a socket max", "scn.safe-above-socket-max", "scn.socketSafeCurrent") { $0.scn?.socketSafeCurrent = 20 },
        c("alternating period 59", "scn.alternating-period", "scn.alternatingPeriod") { $0.scn?.alternatingPeriod = 59 },
        c("alternating period 36001", "scn.alternating-period", "scn.alternatingPeriod") { $0.scn?.alternatingPeriod = 36001 },
        c("1-phase installation with a 3-phase mapping", "mapping.single-phase-installation", "stations[1].sockets[0].phaseMapping") {
            $0.installation.phases = 1; $0.stations[1].sockets[0].phaseMapping = PhaseMapping(name: "L1L2L3")
        },
        c("1-phase station with a 3-phase mapping", "mapping.single-phase-station", "stations[1].sockets[0].phaseMapping") {
            $0.stations[1].phases = 1; $0.stations[1].sockets[0].phaseMapping = PhaseMapping(name: "L2L3L1")
        },
        c("modbus-tcp without a meter", "alb.meter-required", "alb.meter") { $0.alb?.meter = nil },
        c("modbus-rtu without a meter", "alb.meter-required", "alb.meter") { $0.alb?.source = .modbusRTU; $0.alb?.meter = nil },
        c("several stations without an scn block", "site.scn-required", "scn") { $0.scn = nil },
        c("alb.station naming no station", "alb.station-unknown", "alb.station") { $0.alb?.station = "Z" },
        c("no stations", "site.no-stations", "stations") { $0.stations = [] },
        c("duplicate station ids", "station.duplicate-id", "stations[2].id") { $0.stations[2].id = "A" },
        c("three sockets", "station.socket-count", "stations[1].sockets") { $0.stations[1].sockets += [SocketEntry(maxCurrent: 16), SocketEntry(maxCurrent: 16)] },
        c("no sockets", "station.socket-count", "stations[1].sockets") { $0.stations[1].sockets = [] },
        c("2-phase installation", "installation.phases", "installation.phases") { $0.installation.phases = 2 },
        c("2-phase station", "station.phases", "stations[0].phases") { $0.stations[0].phases = 2 },
        c("3 feeders", "station.feeders", "stations[0].feeders") { $0.stations[0].feeders = 3 },
        c("a socket above its station", "socket.max-above-station", "stations[2].sockets[0].maxCurrent") { $0.stations[2].sockets[0].maxCurrent = 20 },
        c("zero installation current", "current.not-positive", "installation.maxCurrent") { $0.installation.maxCurrent = 0 },
        c("negative station current", "current.not-positive", "stations[1].maxCurrent") { $0.stations[1].maxCurrent = -5; $0.stations[1].sockets[0].maxCurrent = -6 },
        c("zero ALB max current", "current.not-positive", "alb.maxCurrent") { $0.alb?.maxCurrent = 0; $0.alb?.safeCurrent = 0 },
        c("probing current 6", "station.probing-current", "stations[0].probingCurrent") { $0.stations[0].probingCurrent = 6 },
        c("probing current 33", "station.probing-current", "stations[0].probingCurrent") { $0.stations[0].probingCurrent = 33 },
        c("zero socket safe current", "current.not-positive", "scn.socketSafeCurrent") { $0.scn?.socketSafeCurrent = 0 },
        c("a model whose phases contradict", "station.phases-model", "stations[1].phases") { $0.stations[1].model = "NG910-60003"; $0.stations[1].phases = 3 },
        c("EMS validity 0", "alb.ems-validity", "alb.ems.validityTime") { $0.alb = ALBSettings(source: .ems, maxCurrent: 40, safeCurrent: 10, ems: EMSSettings(validityTime: 0)) },
        c("a Socomec-only OCPP meter given another preset", "alb.ocpp-meter-preset", "alb.meter.preset") { $0.alb?.meter?.preset = "eastron-sdm630" },
        c("a meter port OCPP cannot set", "alb.ocpp-meter-port", "alb.meter.port") { $0.alb?.meter?.port = 1502 },
    ]

    @Test func theBaseSiteIsValid() {
        let report = SiteValidator.validate(Self.base(), link: .ocpp)
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test(arguments: cases)
    func refused(_ testCase: Case) {
        var site = Self.base()
        testCase.edit(&site)
        let errors = SiteValidator.validate(site, link: .ocpp).errors
        let first = errors.first
        #expect(first?.code == testCase.code, "\(testCase): \(errors.map(\.description))")
        #expect(first?.path.description == testCase.path, "\(testCase): \(errors.map(\.description))")
        #expect(first?.file == "site.yaml")
        #expect(!(first?.hint.isEmpty ?? true), "\(testCase): every refusal says what to do")
    }

    @Test func linkNeutralValidationAcceptsAnyPreset() {
        var site = Self.base()
        site.alb?.meter?.preset = "eastron-sdm630"
        #expect(SiteValidator.validate(site).isValid)
        #expect(!SiteValidator.validate(site, link: .ocpp).isValid)
        #expect(SiteValidator.validate(site, link: .https).isValid)
    }

    @Test func theMeterOutsideTheStationSubnetWarns() {
        var site = Self.base()
        site.alb?.meter?.host = "10.0.0.4"
        #expect(SiteValidator.validate(site).warnings.map(\.code).contains("alb.meter-subnet"))
        #expect(!SiteValidator.validate(Self.base()).warnings.map(\.code).contains("alb.meter-subnet"))
    }
}

/// The shared current and ALB rules (`Validator`), from the site file's side: every rule's code, named by its field
/// path. The command line's side is `ALBConfigureValidationTests` (ChargeCtlCLITests).
@Suite struct SiteValidationRuleTests {
    static let c = SiteValidationTableTests.c
    static let cases: [SiteValidationTableTests.Case] = [
        c("installation current not finite", "current.not-finite", "installation.maxCurrent") { $0.installation.maxCurrent = .nan },
        c("installation above 4000 A", "current.above-range", "installation.maxCurrent") { $0.installation.maxCurrent = 4000.01 },
        c("station above 80 A", "current.above-range", "stations[1].maxCurrent") { $0.stations[1].maxCurrent = 81 },
        c("socket above 80 A", "current.above-range", "stations[0].sockets[1].maxCurrent") { $0.stations[0].sockets[1].maxCurrent = 80.5 },
        c("station limit below 1 A", "current.below-minimum", "stations[2].maxCurrent") { $0.stations[2].maxCurrent = 0.5; $0.stations[2].sockets[0].maxCurrent = 0.5 },
        c("station current at 0.001 A resolution", "current.resolution", "stations[1].maxCurrent") { $0.stations[1].maxCurrent = 16.005 },
        c("socket current infinite", "current.not-finite", "stations[1].sockets[0].maxCurrent") { $0.stations[1].sockets[0].maxCurrent = .infinity },
        c("meter maximum above 1000 A", "current.above-range", "alb.maxCurrent") { $0.alb?.maxCurrent = 1000.5 },
        c("meter maximum below 1 A", "current.below-minimum", "alb.maxCurrent") { $0.alb?.maxCurrent = 0.5; $0.alb?.safeCurrent = 0.5 },
        c("ALB safe current of 0.001 A", "current.resolution", "alb.safeCurrent") { $0.alb?.safeCurrent = 0.001 },
        c("ALB safe current negative", "current.not-positive", "alb.safeCurrent") { $0.alb?.safeCurrent = -1 },
        c("socket safe current of 0.001 A", "current.resolution", "scn.socketSafeCurrent") { $0.scn?.socketSafeCurrent = 6.001 },
        c("probing current not finite", "current.not-finite", "stations[0].probingCurrent") { $0.stations[0].probingCurrent = .nan },
        c("probing current at 0.001 A", "current.resolution", "stations[0].probingCurrent") { $0.stations[0].probingCurrent = 14.001 },
        c("EMS validity above 24 h", "alb.ems-validity", "alb.ems.validityTime") {
            $0.alb = ALBSettings(source: .ems, maxCurrent: 40, safeCurrent: 10, ems: EMSSettings(validityTime: 86401))
        },
        c("unit id 256 over RTU", "alb.meter-unit", "alb.meter.unit") { $0.alb?.source = .modbusRTU; $0.alb?.meter?.unit = 256 },
    ]

    @Test(arguments: cases)
    func refused(_ testCase: SiteValidationTableTests.Case) {
        var site = SiteValidationTableTests.base()
        testCase.edit(&site)
        let errors = SiteValidator.validate(site, link: .ocpp).errors
        #expect(errors.first?.code == testCase.code, "\(testCase): \(errors.map(\.description))")
        #expect(errors.first?.path.description == testCase.path, "\(testCase): \(errors.map(\.description))")
        #expect(errors.first?.file == "site.yaml")
        #expect(!(errors.first?.hint.isEmpty ?? true))
    }

    @Test(arguments: [(16.0, Validator.CurrentKind.stationMax), (80, .socketMax), (1000, .meterMax), (4000, .installationMax),
                      (0.01, .safe), (1, .stationMax), (32, .probing), (6.01, .probing), (16.25, .socketMax)])
    func accepted(value: Double, kind: Validator.CurrentKind) {
        #expect(Validator.current(value, kind, .installationMaxCurrent, .siteFile).isEmpty)
    }

    @Test(arguments: [(Double.nan, "current.not-finite"), (-Double.infinity, "current.not-finite"), (0, "current.not-positive"),
                      (0.99, "current.below-minimum"), (0.001, "current.below-minimum"), (16.001, "current.resolution"),
                      (80.01, "current.above-range")])
    func aStationLimit(value: Double, code: String) {
        #expect(Validator.current(value, .stationMax, .stationMaxCurrent(station: 3), .siteFile).map(\.code) == [code])
    }

    /// One rule, two callers: the path is what the caller's namer says.
    @Test func theCallerNamesTheField() {
        let request = ALBRequest(source: .modbusTCP, meter: .init(host: "192.168.0.4", unit: 300))
        let flags = FieldNamer { field in field == .alb(.meterUnit) ? FieldNamer.flag("--meter-unit") : FieldNamer.flag("--other") }
        #expect(Validator.alb(request, link: .ocpp, .siteFile).map(\.path.description) == ["alb.meter.unit"])
        #expect(Validator.alb(request, link: .ocpp, flags).map(\.path.description) == ["--meter-unit"])
        #expect(Validator.alb(request, link: .ocpp, flags).map(\.code) == ["alb.meter-unit"])
    }

    @Test(arguments: [
        (ALBSource.p1, LinkKind.ocpp, [ALBField.meterHost, .meterPort, .meterUnit, .meterPreset, .emsMode, .emsValidityTime]),
        (.tic, .https, [.meterHost, .meterPort, .meterUnit, .meterPreset, .emsMode, .emsValidityTime]),
        (.ems, .ocpp, [.meterHost, .meterPort, .meterUnit, .meterPreset]),
        (.modbusRTU, .ocpp, [.meterHost, .meterPort, .meterPreset, .emsMode, .emsValidityTime]),
        (.modbusRTU, .https, [.meterHost, .meterPort, .emsMode, .emsValidityTime]),
        (.modbusTCP, .ocpp, [.emsMode, .emsValidityTime]),
    ])
    func fieldsThatDoNotApply(source: ALBSource, link: LinkKind, refused: [ALBField]) {
        let all: [ALBField] = [.meterHost, .meterPort, .meterUnit, .meterPreset, .emsMode, .emsValidityTime, .maxCurrent, .phaseConnected]
        let errors = Validator.albFieldsApply(all, source: source, link: link, .siteFile)
        let site = FieldNamer.siteFile
        #expect(errors.map(\.path) == refused.map { site($0) })
        let rtuPreset = source == .modbusRTU && link == .ocpp
        #expect(errors.map(\.code) == refused.map { rtuPreset && $0 == .meterPreset ? "alb.rtu-preset-ocpp" : "alb.option-not-applicable" })
    }

    @Test func theMeterUnitRangeIsOneRule() {
        #expect(Validator.meterUnits(.modbusTCP) == 0...255)
        #expect(Validator.meterUnits(.modbusRTU) == 1...247)
    }
}
