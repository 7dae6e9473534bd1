import ArgumentParser

/// `chargectl config get/set/backup/restore STATION` (SPEC §1): raw configuration keys over OCPP, or property ids over
/// the station's HTTPS API (`--via https`); setting ids work on both.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Read, write, back up and restore a station's configuration (OCPP keys, or HTTPS property ids with --via https).",
        subcommands: [ConfigGet.self, ConfigSet.self, ConfigBackup.self, ConfigRestore.self])
}
