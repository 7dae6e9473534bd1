import AllocationCore
import ChargeCtlCLI
import Testing

/// One warning path: `env.warn` prints `warning:` and the hint on stderr, never on stdout.
@Suite struct WarningTests {
    @Test func aWarningAndItsHintGoToStderr() {
        let console = RecordingConsole()
        let env = TestEnvironment(console: console).env
        env.warn(Finding(severity: .warn, code: "x.y", message: "the meter is far away", hint: "move it", field: nil))
        env.warn(Finding(severity: .warn, code: "x.z", message: "no hint here", hint: "", field: nil))
        #expect(console.stderr == "warning: the meter is far away\n  hint: move it\nwarning: no hint here\n")
        #expect(console.stdout.isEmpty)
    }

    @Test func aLicenceKeyOnTheCommandLineWarnsWithAHint() async throws {
        let (status, console, _) = try await TestCLI.run(["unlock", "CP1", "--license-key", "1a2b.3c4d.5e6f.7a8b.9c0d.1e2f", "--dry-run"])
        #expect(status == .success, "\(console.stderr)")
        #expect(console.stderr.contains("warning: a licence key on the command line lands in your shell history\n  hint: prefer --license-key-env"))
    }
}
