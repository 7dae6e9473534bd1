import AllocationCore
import ArgumentParser
import ChargeIO
import StationModel

/// `chargectl alb configure STATION --source …`: ALB for one data source (SPEC §1, §3). Settings not given are
/// left as the station has them.
struct ALBConfigure: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "configure",
        abstract: "Configure Active Load Balancing for one data source on one station.")

    @Argument(help: "The station's OCPP identity (it hosts the meter or EMS), or its name in --site FILE.")
    var station: String

    @Option(help: "Data source: p1, tic, modbus-rtu, modbus-tcp or ems.")
    var source: ALBSourceOption

    @Option(help: "SmartMeter-MaxCurrent: the installation's limit at the meter (A).")
    var maxCurrent: Double?

    @Option(help: "Safe-MaxCurrent: used when the data source is lost (A).")
    var safeCurrent: Double?

    @Flag(inversion: .prefixedNo, help: "Whether the meter's reading includes the chargers.")
    var includesChargers: Bool?

    @Option(help: ArgumentHelp("Phase-Connected: the grid phases on this station's feeder cable, in its L1-L2-L3 order (manual §5.3.3 step 10).",
                               discussion: "The same fact as the station's phase mapping: L1L2L3, L3L1L2, … for a 3-phase feeder; L1, L2 or L3 for a 1-phase station or installation. Left out, the station keeps its value."))
    var phaseConnected: String?

    @Flag(inversion: .prefixedNo, help: "Allow 1-/3-phase switching (HTTPS link only).")
    var allowPhaseSwitching: Bool?

    @Option(help: "Modbus TCP meter: IPv4 address (modbus-tcp only).") var meterHost: String?
    @Option(help: "Modbus TCP meter: port (default 502).") var meterPort: Int?
    @Option(help: "Modbus meter: unit id (modbus-tcp 0-255, modbus-rtu 1-247).") var meterUnit: Int?
    @Option(help: "Modbus meter: preset (see `chargectl meter presets`; modbus-rtu over --via https only).") var meterPreset: String?
    @Option(help: "EMS set points address: socket or scn (ems only).") var emsMode: String?
    @Option(help: "EMS set point validity, 1 to 86400 s (ems only).") var emsValidityTime: Double?
    @Option(help: "Station-MaxCurrent (A).") var stationMaxCurrent: Double?
    @Option(help: "ConnectorN-MaxCurrent as N=A, repeatable.") var connectorMaxCurrent: [String] = []

    @Option(help: "A site file in which STATION may be a station's name.", completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            let (changes, warnings) = try plannedChanges(in: env)
            let (id, password) = try StationNames.resolve(station, site: site, in: env)
            let plan = Plan(stations: [StationPlan(station: id, changes: changes)], warnings: warnings)
            return try await options.perform(plan, command: "alb-configure", liveWarnings: warnings, site: site,
                                             passwords: password.map { [id: $0] } ?? [:], live: live, in: env)
        }
    }

    /// The flags judged by the shared rules (exit 2, flag named), then planned.
    func plannedChanges(in env: CLIEnvironment) throws -> ([SettingChange], [Finding]) {
        let (built, limits) = try ALBRequestBuilder(command: self, link: options.link).build()
        var request = built
        if request.source == .modbusTCP, let preset = request.meter?.preset {
            request.meter?.registerMap = try MeterRegisterMaps.resolve(preset, link: options.link, at: FieldNamer.flags(.meterPreset), in: env)[preset]
        }
        let planned = try ALBPlanner.changes(request, link: options.link, field: .root)
        return (limits + planned.changes, planned.warnings)
    }
}

enum ALBSourceOption: String, ExpressibleByArgument, CaseIterable {
    case p1, tic
    case modbusRTU = "modbus-rtu"
    case modbusTCP = "modbus-tcp"
    case ems
    var source: ALBSource { ALBSource(rawValue: rawValue) ?? .p1 }
}

/// `alb` command group.
struct ALBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alb", abstract: "Active Load Balancing.",
                                                    subcommands: [ALBConfigure.self])
}
