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
