import ArgumentParser

/// `chargectl config get/set/backup/restore STATION` (SPEC §1): raw configuration keys over OCPP.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Read, write, back up and restore a station's raw OCPP configuration keys.",
        subcommands: [ConfigGet.self, ConfigSet.self, ConfigBackup.self, ConfigRestore.self])
}
