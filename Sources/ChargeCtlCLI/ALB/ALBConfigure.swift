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

    @Option(help: "The meter's phase rotation (L1L2L3, L2L3L1, …).")
    var phaseConnected: String?

    @Flag(inversion: .prefixedNo, help: "Allow 1-/3-phase switching (HTTPS link only).")
    var allowPhaseSwitching: Bool?

    @Option(help: "Modbus TCP meter: IPv4 address.") var meterHost: String?
    @Option(help: "Modbus TCP meter: port.") var meterPort: Int = 502
    @Option(help: "Modbus meter: unit id.") var meterUnit: Int?
    @Option(help: "Modbus meter: preset (see `chargectl meter presets`).") var meterPreset: String?
    @Option(help: "EMS set points address: socket or scn.") var emsMode: String?
    @Option(help: "EMS set point validity (s).") var emsValidityTime: Double?
    @Option(help: "Station-MaxCurrent (A).") var stationMaxCurrent: Double?
    @Option(help: "ConnectorN-MaxCurrent as N=A, repeatable.") var connectorMaxCurrent: [String] = []

    @Option(help: "A site file in which STATION may be a station's name.", completion: .file(extensions: ["yaml", "yml"]))
    var site: String?

    @OptionGroup var options: ChangeOptions
    @OptionGroup var live: LiveOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        await CommandRunner.run(json: options.json, in: env) {
            let (changes, warnings) = try plannedChanges()
            let (id, password) = try StationNames.resolve(station, site: site, in: env)
            let plan = Plan(stations: [StationPlan(station: id, changes: changes)], warnings: warnings)
            return try await options.perform(plan, command: "alb-configure", liveWarnings: warnings, site: site,
                                             passwords: password.map { [id: $0] } ?? [:], live: live, in: env)
        }
    }

    func plannedChanges() throws -> ([SettingChange], [Finding]) {
        let request = try ALBRequestBuilder(command: self).request()
        var limits: [SettingChange] = []
        if let value = stationMaxCurrent { limits.append(SettingChange(.stationMaxCurrent, .amperes(try positive(value, "--station-max-current")))) }
        for entry in connectorMaxCurrent {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let connector = Int(parts[0]), (1...2).contains(connector), let amps = Double(parts[1]) else {
                throw CommandFailure(status: .invalidInput, code: "alb.connector-max-current",
                                     message: "--connector-max-current \(entry): expected N=A with N 1 or 2", hint: "for example --connector-max-current 1=16")
            }
            limits.append(SettingChange(.connectorMaxCurrent(connector), .amperes(try positive(amps, "--connector-max-current"))))
        }
        do {
            let planned = try ALBPlanner.changes(request, link: options.link, field: .root)
            return (limits + planned.changes, planned.warnings)
        } catch {
            // The planner names site-file fields; on the command line the user typed flags.
            let problem = error.errors.first
            let flag = ["meter": "--meter-host", "meter.host": "--meter-host", "meter.port": "--meter-port",
                        "meter.preset": "--meter-preset"][problem?.path.description ?? ""] ?? "--source"
            throw CommandFailure(status: .invalidInput, code: problem?.code ?? "alb.invalid",
                                 message: "\(flag): \(problem?.message ?? "invalid")", hint: problem?.hint ?? "")
        }
    }

    func positive(_ value: Double, _ flag: String) throws -> Double {
        guard value > 0 else {
            throw CommandFailure(status: .invalidInput, code: "current.not-positive", message: "\(flag) must be more than 0 A", hint: "give amperes")
        }
        return value
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
