import ArgumentParser

/// `chargectl config get|backup STATION` (SPEC §1): raw configuration keys over OCPP.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Read a station's raw OCPP configuration keys, or save them all to a backup file.",
        subcommands: [ConfigGet.self, ConfigBackup.self])
}
