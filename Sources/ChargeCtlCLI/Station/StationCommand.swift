import ArgumentParser

/// `chargectl station …`: the station's own Modbus TCP server.
struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "Read a station's own Modbus TCP server.",
        subcommands: [StationStatus.self])
}
