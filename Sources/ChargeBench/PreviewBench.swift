import AllocationCore
import Foundation

/// Issue 14: `chargectl preview` of the simulator's site (128 sockets, 24 h, the same seeded EVs) as a whole process,
/// spawned from the release binary: wall time and peak RSS for `--json`, the text table and `--svg`, beside the
/// simulation alone measured in the same run. Targets: `--json` and the text table under 300 ms and 60 MB, `--svg`
/// under 500 ms; the section ends saying whether they were met.
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
        // Targets (issue 14): wall ms and peak RSS MB; nil where the issue sets none.
        let runs: [(name: String, arguments: [String], wallMS: Double?, rssMB: Double?)] = [
            ("preview --json", base + ["--json"], 300, 60),
            ("preview (text table)", base, 300, 60),
            ("preview --svg FILE", base + ["--svg", svgPath], 500, nil),
        ]
        var met: [String] = []
        var missed: [String] = []
        for run in runs {
            let samples = (0..<5).map { _ in launch(binary, run.arguments) }
            let wall = Stopwatch.median(samples.map(\.wall))
            let cpu = Stopwatch.median(samples.map(\.cpu))
            let rss = samples.map(\.peakRSSMB).max() ?? 0
            let bytes = samples.last?.stdoutBytes ?? 0
            let target = [run.wallMS.map { String(format: "< %.0f ms", $0) }, run.rssMB.map { String(format: "< %.0f MB", $0) }]
                .compactMap { $0 }.joined(separator: ", ")
            let ok = samples.allSatisfy { $0.status == 0 } && (run.wallMS.map { wall * 1000 < $0 } ?? true) && (run.rssMB.map { rss < $0 } ?? true)
            print("\(run.name): \(Stopwatch.ms(wall)) wall, \(Stopwatch.ms(cpu)) CPU (medians of 5), "
                  + "\(String(format: "%.1f MB", rss)) peak RSS, \(String(format: "%.1f MB", Double(bytes) / 1e6)) of output, "
                  + "exit \(samples.last?.status ?? -1); target \(target): \(ok ? "met" : "NOT met")"
                  + String(format: "; %.1fx the simulation alone", wall / simulation))
            if ok { met.append(run.name) } else { missed.append(run.name) }
        }
        let svgSize = (try? FileManager.default.attributesOfItem(atPath: svgPath)[.size] as? Int) ?? 0
        print(String(format: "svg: %.1f MB", Double(svgSize) / 1e6))
        print(missed.isEmpty ? "targets: all met (\(met.count) of \(runs.count))"
              : "targets: \(missed.count) of \(runs.count) NOT met (\(missed.joined(separator: ", "))); wall times rise with the machine's load, see the CPU figures")
    }

    struct Sample {
        var wall: Double
        /// The child's user and system CPU seconds: steadier than wall time when other work shares the machine.
        var cpu: Double
        var peakRSSMB: Double
        var stdoutBytes: Int
        var status: Int32
    }

    /// Spawn to exit through `ChildLauncher` (so the peak RSS is the preview's own, not this bench's); stdout into
    /// a file, whose size is reported.
    static func launch(_ path: String, _ arguments: [String]) -> Sample {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-preview-bench-\(getpid()).out").path
        defer { unlink(output) }
        guard let measured = ChildLauncher.measure(path, arguments, stdout: output) else {
            return Sample(wall: .nan, cpu: .nan, peakRSSMB: .nan, stdoutBytes: 0, status: -1)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        return Sample(wall: measured.wall, cpu: measured.cpu, peakRSSMB: measured.peakRSSMB, stdoutBytes: bytes, status: measured.status)
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
