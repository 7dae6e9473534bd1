import Foundation

/// Spawns a command and measures it as `/usr/bin/time` does: from a small process of its own.
///
/// A child's `ru_maxrss` is the largest resident set its task ever had, and that includes the address space it
/// ran in before `exec`: with `posix_spawn` (`CLONE_VM`) or `fork` that is the parent's, so a child spawned by the
/// bench after the simulator bench reported the bench's own 57 MB instead of its 42 MB. The bench therefore
/// spawns itself as `ChargeBench --launch OUT PATH ARGS…`, a fresh small process, which spawns the command with
/// stdout to OUT and prints `wall-seconds cpu-seconds maxrss-kB exit-status` for the parent to read.
enum ChildLauncher {
    struct Measurement {
        var wall: Double
        /// The child's user and system CPU seconds: steadier than wall time when other work shares the machine.
        var cpu: Double
        var peakRSSMB: Double
        var status: Int32
    }

    static let flag = "--launch"

    /// In the launcher process: measure the command and print the line; the process's exit status is 0 when it did.
    static func main(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2 else { return 64 }
        guard let measured = spawn(arguments[1], Array(arguments.dropFirst(2)), stdout: arguments[0]) else { return 70 }
        print("\(measured.wall) \(measured.cpu) \(Int(measured.peakRSSMB * 1024)) \(measured.status)")
        return 0
    }

    /// In the bench: run `path arguments` through a launcher, its stdout into `output`; nil when it could not run.
    static func measure(_ path: String, _ arguments: [String], stdout output: String) -> Measurement? {
        let report = output + ".measure"
        defer { unlink(report) }
        guard spawn(benchBinary, [flag, output, path] + arguments, stdout: report) != nil,
              let line = try? String(contentsOfFile: report, encoding: .utf8) else { return nil }
        let fields = line.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 4, let wall = fields[0], let cpu = fields[1], let kB = fields[2], let status = fields[3] else { return nil }
        return Measurement(wall: wall, cpu: cpu, peakRSSMB: kB / 1024, status: Int32(status))
    }

    /// This benchmark's own executable: the launcher is a fresh copy of it.
    private static let benchBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

    /// Spawn to exit; stdout into a file, stderr to /dev/null. Peak RSS is `wait4`'s `ru_maxrss` (kB on Linux).
    static func spawn(_ path: String, _ arguments: [String], stdout output: String) -> Measurement? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        var usage = rusage()
        var spawned = false
        let wall = Stopwatch.seconds {
            guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return }
            spawned = true
            wait4(pid, &status, 0, &usage)
        }
        guard spawned else { return nil }
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Measurement(wall: wall, cpu: cpu, peakRSSMB: Double(usage.ru_maxrss) / 1024, status: (status >> 8) & 0xFF)
    }
}
