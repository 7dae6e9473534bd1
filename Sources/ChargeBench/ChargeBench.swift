import Foundation

/// `make bench`: each benchmark reports its figures and a ratio against a named baseline measured in the same run.
@main
struct ChargeBench {
    static func main() async throws {
        if CommandLine.arguments.dropFirst().first == ChildLauncher.flag {
            exit(ChildLauncher.main(Array(CommandLine.arguments.dropFirst(2))))
        }
        let selected = Set(CommandLine.arguments.dropFirst())
        let all: [(String, () async throws -> Void)] = [
            ("simulator", SimulatorBench.run),
            ("preview", PreviewBench.run),
            ("startup", StartupBench.run),
            ("modbus", ModbusBench.run),
            ("discovery", DiscoveryBench.run),
            ("scn-commission", SCNCommissionBench.run),
            ("ocpp", OCPPBench.run),
            // For profilers (callgrind): one event-driven run, no baseline. Not part of `make bench`.
            ("simulator-once", SimulatorBench.once),
            ("ocpp-once", OCPPBench.once),
        ]
        for (name, bench) in all where selected.contains(name) || (selected.isEmpty && !name.hasSuffix("-once")) {
            print("== \(name)")
            try await bench()
            print("")
        }
    }
}

/// Wall-clock timing helpers shared by the benchmarks.
enum Stopwatch {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// CPU seconds this process spent in `body`: steadier than wall time when other work shares the machine.
    static func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
}
