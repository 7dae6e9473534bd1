import ArgumentParser
import ChargeIO
import StationModel

/// `chargectl config set STATION KEY=VALUE…` (SPEC §1): raw ChangeConfigurations with the same care as every
/// live run — backup first, keys already at the value are not written, a refusal restores the earlier ones.
struct ConfigSet: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Write configuration keys (backup first, Reset after, rolled back on a refusal).")

    @Argument(help: "The station's OCPP identity, or its name in --site FILE.")
    var station: String

    @Argument(help: ArgumentHelp("KEY=VALUE in the order to write them: an OCPP key, an HTTPS property id (--via https) or a setting id.",
                                 valueName: "key=value"))
    var assignments: [String]

    @OptionGroup var options: RawWriteOptions

    @Option(help: "A YAML file renaming OCPP keys, HTTPS ids and value spellings: a setting id or manual key is written under its alias, in its spelling (rules for one firmware are not applied here; default ~/.config/chargectl/key-aliases.yaml when present).",
            completion: .file(extensions: ["yaml", "yml"]))
    var keyAliases: String?

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(options.output)
        return await CommandRunner.run(in: env) {
            let aliases = try ChangeOptions.aliases(file: keyAliases, in: env)
            let writes = try assignments.flatMap { try Self.writes($0, link: options.link, aliases: aliases) }
            let (id, password) = try options.resolve(station, in: env)
            return try await options.perform(RunPlan(command: "config-set", stations: [.init(station: id, writes: writes)]),
                                             password: password, in: env)
        }
    }

    static func writes(_ assignment: String, link: LinkKind, aliases: KeyAliases = .none) throws -> [PlannedWrite] {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw CommandFailure(status: .invalidInput, code: "config.assignment", message: "\(assignment.prefix(60)): expected KEY=VALUE",
                                 hint: "for example: chargectl config set ACE0001 HeartbeatInterval=300")
        }
        let key = String(assignment[..<equals])
        let value = String(assignment[assignment.index(after: equals)...])
        guard key.count <= 50, value.count <= 500 else {
            throw CommandFailure(status: .invalidInput, code: "config.too-long",
                                 message: "\(key.prefix(20)): a key has at most 50 characters and a value at most 500 (OCPP 1.6 §7.8)",
                                 hint: "check the key and value")
        }
        return try ConfigKeyNames.writes(name: key, value: value, link: link, aliases: aliases)
    }
}

/// `--dry-run` of `config set` and `config restore`: the plan's shape (SPEC §7 `plan`), raw keys, secrets masked.
struct RawPlanReport: Report {
    var plan: RunPlan

    struct Change: Encodable {
        @EncodedAsNull var setting: String?
        var key: String
        @EncodedAsNull var from: String?
        var to: String
    }

    struct Station: Encodable {
        var id: String
        var changes: [Change]
        var reboot: Bool
    }

    enum Keys: String, CodingKey { case ok, link, stations, warnings }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(true, forKey: .ok)
        try container.encode(plan.link.rawValue, forKey: .link)
        try container.encode(plan.stations.map { station in
            Station(id: station.station, changes: station.writes.map { Change(setting: $0.setting?.rawValue, key: $0.key, from: nil, to: $0.shownValue) },
                    reboot: !station.writes.isEmpty)
        }, forKey: .stations)
        try container.encode([String](), forKey: .warnings)
    }

    func text(colour: Bool) -> String {
        plan.stations.map { station in
            "\(station.station): \(station.writes.count) key(s) to write, then a Reset (keys already at the value are skipped)\n"
                + station.writes.map { "  \($0.key) = \($0.shownValue)\n" }.joined()
        }.joined()
    }
}
