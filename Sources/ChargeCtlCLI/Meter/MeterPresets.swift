import ArgumentParser
import ChargeIO
import ModbusProtocol

/// `chargectl meter presets [show NAME]` (SPEC §1).
struct MeterPresets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the meter presets, or show one.",
        subcommands: [MeterPresetsList.self, MeterPresetsShow.self],
        defaultSubcommand: MeterPresetsList.self)
}

struct MeterPresetsList: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the built-in presets and those of ~/.config/chargectl/presets.")

    @OptionGroup var presets: PresetFileOption

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            let catalog = try presets.catalog(in: env)
            try ReportOutput.emit(MeterPresetListReport(entries: catalog.sorted), in: env)
            return .success
        }
    }
}

struct MeterPresetsShow: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one preset's register map.")

    @Argument(help: "The preset's name.")
    var name: String

    @OptionGroup var presets: PresetFileOption

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            let catalog = try presets.catalog(in: env)
            try ReportOutput.emit(MeterPresetShowReport(entry: try catalog.entry(named: name)), in: env)
            return .success
        }
    }
}

/// The presets a listing sees: built-in, installed, the user's folder, and one more file if named.
struct PresetFileOption: ParsableArguments {
    @Option(help: ArgumentHelp("Also load this preset file.", valueName: "file"))
    var presetFile: String?

    func catalog(in env: CLIEnvironment) throws -> MeterPresetCatalog {
        try MeterPresetCatalog.load(variables: env.variables, presetFiles: presetFile.map { [$0] } ?? [],
                                    installedDirectory: env.installedPresetDirectory)
    }
}
