import Foundation

/// `chargectl --help` must start in under 20 ms (issue 2). Baseline: spawning `/bin/true`, the floor any process
/// launch pays on this machine, measured the same way (posix_spawn + waitpid) in the same run.
enum StartupBench {
    static func run() throws {
        guard let binary = StartupBench.builtChargectl() else { return }
        let runs = 40
        _ = launch(binary, ["--help"])
        let help = Stopwatch.median((0..<runs).map { _ in launch(binary, ["--help"]) })
        let floor = Stopwatch.median((0..<runs).map { _ in launch("/bin/true", []) })
        print("chargectl --help: \(Stopwatch.ms(help)) median of \(runs) (target < 20 ms)")
        print("baseline /bin/true: \(Stopwatch.ms(floor))")
        print(String(format: "ratio: %.1fx the process-launch floor", help / floor))
    }

    /// The release `chargectl` beside this benchmark binary, or nil (with a message) when it is not built.
    static func builtChargectl() -> String? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("chargectl").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("skipped: \(binary) is not built (make release)")
            return nil
        }
        return binary
    }

    /// Wall time from spawn to exit, output to /dev/null.
    static func launch(_ path: String, _ arguments: [String]) -> Double {
        ChildLauncher.spawn(path, arguments, stdout: "/dev/null")?.wall ?? .nan
    }
}
