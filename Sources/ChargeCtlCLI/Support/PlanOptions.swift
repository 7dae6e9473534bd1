import ArgumentParser
import ChargeIO
import StationModel

/// Options every station-changing command shares while only its offline half exists.
struct ChangeOptions: ParsableArguments {
    @Option(help: "Station link: ocpp or https (SPEC §3).")
    var via: StationLinkOption = .ocpp

    @Flag(help: "Print the plan in plan's shape and touch nothing.")
    var dryRun = false

    @Option(help: "A YAML file renaming OCPP keys (default ~/.config/chargectl/key-aliases.yaml when present).",
            completion: .file(extensions: ["yaml", "yml"]))
    var keyAliases: String?

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    var link: StationLink { via.link }

    /// Live changes need the OCPP central system, which is not built yet: refuse clearly, before anything is sent.
    func requireDryRun() throws {
        guard dryRun else {
            throw CommandFailure(status: .invalidInput, code: "live.unavailable",
                                 message: "changing stations live needs the OCPP central system, which this build does not have yet",
                                 hint: "add --dry-run to see exactly what would be written")
        }
    }

    func aliases(in env: CLIEnvironment) throws -> KeyAliases {
        let home = env.variables["HOME"].map { "\($0)/.config/chargectl/key-aliases.yaml" }
        guard let path = keyAliases ?? home.flatMap({ path in (try? env.readFile(path)) != nil ? path : nil }) else { return .none }
        let text: String
        do { text = try env.readFile(path) } catch {
            throw CommandFailure(status: .invalidInput, code: "file.unreadable", message: "\(path): cannot read the key-alias file",
                                 hint: "check the path")
        }
        return try KeyAliases(document: try YAMLDocument.parse(text, file: path), file: path)
    }
}

enum StationLinkOption: String, ExpressibleByArgument, CaseIterable {
    case ocpp, https
    var link: StationLink { self == .ocpp ? .ocpp : .https }
}
