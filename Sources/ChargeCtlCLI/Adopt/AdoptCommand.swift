import ArgumentParser
import ChargeHTTPS
import ChargeIO
import StationModel

/// `chargectl adopt HOST [--central-system URL]` and `adopt HOST --release` (SPEC §1, §3 "The HTTPS link in
/// practice"): over the station's HTTPS API, save its back-office URL, point it at this laptop's central system,
/// reboot it and wait for its BootNotification — so the OCPP commands reach a station that was factory-fresh or
/// bound to an operator. `--release` writes the saved URL back.
struct AdoptCommand: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Point a station's back office at this laptop over HTTPS (old URL saved); --release puts it back.",
        discussion: """
            adopt logs in to the station's HTTPS API, saves its back-office URL (20F0_3 from firmware 6, 2071_1 and \
            2071_2 before) to $XDG_STATE_HOME/chargectl/backups/<station>/adopt-<UTC time>.json (or --backup-dir), \
            writes ws://<this laptop's address on the station's subnet>:<--listen port>/ocpp (or --central-system), \
            reboots the station and waits for its BootNotification on --listen. adopt HOST --release writes the \
            newest adopt backup of that station (or --backup FILE) back and reboots it.
            """)

    @Argument(help: ArgumentHelp("The station's IPv4 address, optionally :PORT (its HTTPS API, port 443 by default).", valueName: "host"))
    var station: String

    @Option(help: ArgumentHelp("The URL the station is to dial instead of this laptop's address on its subnet.", valueName: "ws://ip:port/ocpp"))
    var centralSystem: String?

    @Flag(help: "Write the back-office URL saved by adopt back, and reboot the station.")
    var release = false

    @Option(help: ArgumentHelp("With --release: the adopt backup to write back, instead of the station's newest.", valueName: "file"),
            completion: .file(extensions: ["json"]))
    var backup: String?

    @Option(help: ArgumentHelp("Folder for the backups instead of the state directory.", valueName: "dir"), completion: .directory)
    var backupDir: String?

    @OptionGroup var connect: StationConnectOptions

    @OptionGroup var output: OutputOptions

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        let env = env.reporting(output)
        return await CommandRunner.run(in: env) {
            let request = try AdoptRequest(self, in: env)
            let outcome = try await AdoptShell.run(request, in: env)
            try ReportOutput.emit(outcome.report, in: env)
            if let failure = outcome.report.failure {
                env.console.err("error: \(failure.message)\n  hint: \(failure.hint)\n")
            }
            return outcome.status
        }
    }
}
