import ArgumentParser

/// `chargectl meter …`: test an energy meter, list the presets.
struct MeterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meter",
        abstract: "Test an energy meter over Modbus and list the meter presets.",
        subcommands: [MeterTest.self, MeterPresets.self])
}
