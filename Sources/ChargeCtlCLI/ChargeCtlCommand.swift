import ArgumentParser

/// The root command: `chargectl <command>`.
public struct ChargeCtlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chargectl",
        abstract: "Commission Alfen NG9xx charging stations: discover, unlock, ALB, SCN, meter test, verify.",
        version: "0.1.0",
        subcommands: []
    )

    public init() {}
}
