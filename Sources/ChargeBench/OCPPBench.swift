import ChargeIO
import Foundation
import NIOCore
import NIOPosix

/// Issue 6, item 7: N charge points (`OCPPLoadGenerator`) connect to a central system; each gets one full
/// GetConfiguration and 10 ChangeConfiguration. chargectl serve (driven through its control socket, as the other
/// commands drive it) against a minimal Python `ocpp` central system doing the same work, in the same run.
enum OCPPBench {
    static let callsPerStation = 11

    static func run() async throws {
        let binary = ProcessInfo.processInfo.environment["BENCH_CHARGECTL"] ?? ".build/release/chargectl"
        let python = ".build-venv/bin/python"
        let baseline = "Benchmarks/ocpp/central_system.py"
        guard FileManager.default.isExecutableFile(atPath: binary), FileManager.default.isExecutableFile(atPath: python) else {
            print("skipped: needs \(binary) and \(python) (make release pydeps); run from the repository root")
            return
        }
        let sizes = CommandLine.arguments.contains("ocpp-small") ? [100] : [100, 1000]
        print("stations  central system         wall s   calls/s   peak RSS MiB   CPU s   calls/CPU s")
        for stations in sizes {
            let serve = try await measureServe(binary: binary, stations: stations)
            let python = try await measurePython(python: python, script: baseline, stations: stations)
            for (name, result) in [("chargectl serve", serve), ("python ocpp 2.1.0", python)] {
                let padded = name.padding(toLength: 20, withPad: " ", startingAt: 0)
                print(String(format: "%8d  ", stations) + padded
                      + String(format: " %8.2f %9.0f %14.1f %7.2f %13.0f", result.seconds, result.callsPerSecond, result.peakRSS,
                               result.cpuSeconds, Double(result.calls) / result.cpuSeconds))
            }
            let ratio = serve.callsPerSecond / python.callsPerSecond
            print(String(format: "ratio serve/python at N=%d: %.1fx throughput", stations, ratio))
            if stations == 1000 {
                // Issue 6's targets: at least 5x the baseline (1000 stations under 1.5 s), serve under 40 MiB.
                let met = ratio >= 5 && serve.seconds < 1.5 && serve.peakRSS < 40
                print(String(format: "targets (>= 5x, < 1.5 s, < 40 MiB): %.1fx, %.2f s, %.1f MiB: ", ratio, serve.seconds,
                             serve.peakRSS) + (met ? "met" : "NOT met"))
            }
        }
    }

    /// For profilers (perf, heaptrack through BENCH_CHARGECTL): serve alone at N=1000, no baseline. Not part of
    /// `make bench`.
    static func once() async throws {
        let binary = ProcessInfo.processInfo.environment["BENCH_CHARGECTL"] ?? ".build/release/chargectl"
        let result = try await measureServe(binary: binary, stations: 1000)
        print(String(format: "1000 stations: %.2f s, %.0f calls/s, peak RSS %.1f MiB, serve CPU %.2f s, bench CPU %.2f s",
                     result.seconds, result.callsPerSecond, result.peakRSS, result.cpuSeconds, cpuSeconds(getpid())))
    }

    struct Result {
        var seconds: Double
        var calls: Int
        var peakRSS: Double
        /// The central system's own CPU time (user + system) over the whole run, startup included.
        var cpuSeconds: Double
        var callsPerSecond: Double { Double(calls) / seconds }
    }

    static func measureServe(binary: String, stations: Int) async throws -> Result {
        let directory = NSTemporaryDirectory() + "cc-bench-\(getpid())"
        let socket = directory + "/serve.sock"
        let port = try freePort()
        let serve = try Spawned([binary, "serve", "--listen", "127.0.0.1:\(port)", "--accept-any", "--control", socket])
        defer { stopProcess(serve.process) }
        var remote: RemoteStationDirectory?
        for _ in 0..<500 where remote == nil {
            remote = await RemoteStationDirectory.connect(path: socket)
            if remote == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let remote else { throw BenchError("serve did not start") }
        let tally = LoadTally(expected: stations * callsPerStation)
        let start = ContinuousClock.now
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { _ = try await OCPPLoadGenerator.connect(count: stations, host: "127.0.0.1", port: port, tally: tally, group: group) }
            for index in 0..<stations {
                tasks.addTask {
                    let connection = try await remote.waitForStation("CP\(index)", timeout: .seconds(120))
                    // Like the Python baseline, the work starts after the station's BootNotification.
                    _ = try await connection.waitForBoot(timeout: .seconds(120))
                    _ = try await connection.getConfiguration(keys: nil)
                    for key in 0..<10 { _ = try await connection.changeConfiguration(key: "Key\(key)", value: "\(key)") }
                }
            }
            try await tasks.waitForAll()
        }
        let seconds = elapsed(since: start)
        let rss = peakRSS(serve.process.processIdentifier), cpu = cpuSeconds(serve.process.processIdentifier)
        await remote.shutdown()
        try await group.shutdownGracefully()
        return Result(seconds: seconds, calls: tally.count, peakRSS: rss, cpuSeconds: cpu)
    }

    static func measurePython(python: String, script: String, stations: Int) async throws -> Result {
        let port = try freePort()
        let server = try Spawned([python, script, "\(port)"])
        defer { stopProcess(server.process) }
        guard server.waitForOutput("listening", seconds: 30) else { throw BenchError("the Python central system did not start") }
        let tally = LoadTally(expected: stations * callsPerStation)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let start = ContinuousClock.now
        _ = try await OCPPLoadGenerator.connect(count: stations, host: "127.0.0.1", port: port, tally: tally, group: group)
        guard await Deadline.race(.seconds(600), { await tally.finished(); return true }) != nil else { throw BenchError("python did not finish") }
        let seconds = elapsed(since: start)
        let rss = peakRSS(server.process.processIdentifier), cpu = cpuSeconds(server.process.processIdentifier)
        try await group.shutdownGracefully()
        return Result(seconds: seconds, calls: tally.count, peakRSS: rss, cpuSeconds: cpu)
    }

    static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// VmHWM from /proc: the process's peak resident set, in MiB.
    static func peakRSS(_ pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kib / 1024
    }

    /// utime + stime from /proc/PID/stat (fields 14 and 15, in clock ticks).
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return .nan }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func stopProcess(_ process: Process) {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// A loopback port free right now (bound, read, released).
    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        guard let port = channel.localAddress?.port else { throw BenchError("no free port") }
        return port
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
