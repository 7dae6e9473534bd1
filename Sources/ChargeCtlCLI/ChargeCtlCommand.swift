import ArgumentParser

/// The root command: `chargectl <command>`.
public struct ChargeCtlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chargectl",
        abstract: "Commission Alfen NG9xx charging stations: discover, unlock, ALB, SCN, meter test, verify.",
        discussion: """
            Exit codes: 0 success, 1 a check failed, 2 invalid input (nothing was sent), 3 communication failure,
            4 a device refused a change (rolled back), 64 command-line syntax.
            """,
        version: "0.1.0",
        subcommands: [Discover.self, Preview.self, PlanCommand.self, ApplyCommand.self, UnlockCommand.self,
                      ALBCommand.self, SCNCommand.self, ConfigCommand.self, MeterCommand.self, StationCommand.self,
                      VerifyCommand.self, AdoptCommand.self, Serve.self, Simulate.self, DemoCommand.self, WizardCommand.self, DebugCommand.self, Advertise.self]
    )

    public init() {}
}
