import AllocationCore
import Foundation

/// Issue 14: `chargectl preview` of the simulator's site (128 sockets, 24 h, the same seeded EVs) as a whole process,
/// spawned from the release binary: wall time and peak RSS for `--json`, the text table and `--svg`, beside the
/// simulation alone measured in the same run. Targets: `--json` under 300 ms and 60 MB, `--svg` under 500 ms.
enum PreviewBench {
    static func run() throws {
        guard let binary = StartupBench.builtChargectl() else { return }
        let site = SimulatorBench.plaza()
        let events = SimulatorBench.arrivals(on: site, seed: 42)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-preview-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sitePath = directory.appendingPathComponent("plaza.yaml").path
        let scenarioPath = directory.appendingPathComponent("plaza.scenario.yaml").path
        let svgPath = directory.appendingPathComponent("plaza.svg").path
        try siteYAML(site).write(toFile: sitePath, atomically: true, encoding: .utf8)
        try scenarioYAML(events).write(toFile: scenarioPath, atomically: true, encoding: .utf8)

        let simulation = Stopwatch.median((0..<5).map { _ in
            Stopwatch.seconds { _ = Timeline(site: site, events: events, duration: SimulatorBench.day).run() }
        })
        print("site: \(site.sockets.count) sockets, 24 h, \(events.count) scenario events (the simulator bench's)")
        print("simulation alone (in-process, median of 5): \(Stopwatch.ms(simulation))")
        let base = ["preview", sitePath, "--scenario", scenarioPath]
        let runs: [(String, [String], String)] = [
            ("preview --json", base + ["--json"], "target < 300 ms, < 60 MB"),
            ("preview (text table)", base, ""),
            ("preview --svg FILE", base + ["--svg", svgPath], "target < 500 ms"),
        ]
        for (name, arguments, target) in runs {
            let samples = (0..<5).map { _ in launch(binary, arguments) }
            let wall = Stopwatch.median(samples.map(\.wall))
            let rss = samples.map(\.peakRSSMB).max() ?? 0
            let bytes = samples.last?.stdoutBytes ?? 0
            print("\(name): \(Stopwatch.ms(wall)) wall (median of 5), \(String(format: "%.1f MB", rss)) peak RSS, "
                  + "\(String(format: "%.1f MB", Double(bytes) / 1e6)) of output, exit \(samples.last?.status ?? -1)"
                  + (target.isEmpty ? "" : " (\(target))"))
        }
        let svgSize = (try? FileManager.default.attributesOfItem(atPath: svgPath)[.size] as? Int) ?? 0
        print(String(format: "svg: %.1f MB", Double(svgSize) / 1e6))
    }

    struct Sample {
        var wall: Double
        var peakRSSMB: Double
        var stdoutBytes: Int
        var status: Int32
    }

    /// Spawn to exit; stdout into a file (its size is reported), stderr to /dev/null. Peak RSS is the child's own
    /// (`wait4`'s rusage, `ru_maxrss` in kB on Linux).
    static func launch(_ path: String, _ arguments: [String]) -> Sample {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-preview-bench-\(getpid()).out").path
        defer { unlink(output) }
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
        let wall = Stopwatch.seconds {
            guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return }
            wait4(pid, &status, 0, &usage)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        return Sample(wall: wall, peakRSSMB: Double(usage.ru_maxrss) / 1024, stdoutBytes: bytes, status: (status >> 8) & 0xFF)
    }

    /// The bench site as a site file: 64 two-socket stations in the simulator's rotation, 3 x 400 A.
    static func siteYAML(_ site: AllocationSite) -> String {
        var lines = ["site: Bench plaza", "installation: { phases: 3, maxCurrent: \(Int(site.installationMaxCurrent)) }",
                     "scn: { name: PLAZA, socketSafeCurrent: 6, alternatingPeriod: 900 }", "stations:"]
        for (index, station) in site.stations.enumerated() {
            let sockets = site.sockets.filter { $0.station == index }.map { "{ maxCurrent: \(Int($0.maxCurrent)), phaseMapping: \($0.mapping) }" }
            lines.append("  - { id: \(station.id), maxCurrent: \(Int(station.maxCurrent)), sockets: [\(sockets.joined(separator: ", "))] }")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The seeded arrivals as a scenario file; times and energies keep every digit so the preview simulates the same.
    static func scenarioYAML(_ events: [SiteEvent]) -> String {
        var lines = ["duration: \(Int(SimulatorBench.day))", "events:"]
        for event in events {
            switch event.kind {
            case let .connect(profile, socket):
                let energy = profile.energy.map { ", energy: \($0)" } ?? ""
                lines.append("  - { at: \(event.at), connect: { socket: \(socket), phases: \(profile.phases), minCurrent: \(Int(profile.minCurrent))\(energy) } }")
            case let .disconnect(socket):
                lines.append("  - { at: \(event.at), disconnect: { socket: \(socket) } }")
            default:
                continue
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
