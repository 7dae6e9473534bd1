import ChargeIO
import Foundation
import Logging
import StationModel
import VirtualSite

/// Issue 7: commissioning an SCN of 8, 32 and 64 virtual stations (5 s reboot each) with the plan executor, all
/// stations in parallel, against one station alone. Baseline, measured in the same run: a one-station-at-a-time
/// tool, which takes N single-station runs (measured for N = 8, projected as N × one station beyond). Target: the
/// parallel wall time stays within 2× of one station's.
enum SCNCommissionBench {
    static let sizes = [8, 32, 64]
    static let rebootTime: Swift.Duration = .seconds(5)

    static func run() async throws {
        let one = try await commission(stations: 1, parallel: true)
        print(String(format: "  1 station: %.2f s", one))
        let sequential = try await commission(stations: 8, parallel: false)
        print(String(format: "  8 stations one at a time (baseline): %.2f s (%.1f× one station)", sequential, sequential / one))
        for size in sizes {
            let seconds = try await commission(stations: size, parallel: true)
            print(String(format: "  %d stations in parallel: %.2f s = %.2f× one station (target ≤ 2×); one at a time: ~%.0f s; speed-up %.1f×",
                         size, seconds, seconds / one, one * Double(size), one * Double(size) / seconds))
        }
    }

    /// Seconds from the executor's start to every member applied and read back.
    static func commission(stations count: Int, parallel: Bool) async throws -> Double {
        let site = try benchSite(stations: count)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-scn-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let directory = try await CentralSystem.start(
            CentralSystemConfiguration(host: "127.0.0.1", port: 0, stations: Set(site.stations.map(\.id)), acceptAny: false, passwords: [:]),
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let virtual = try await VirtualSiteRunner.start(site: site, scenario: nil, ocppURL: "ws://\(directory.listeningAddress)/ocpp",
                                                        options: VirtualSiteOptions(rebootTime: rebootTime, mdnsInterface: nil, unlockedFeatures: 0x5))

        let plans = SCNPlanner.create(site.scnMembers(layout: SiteLayout(site)),
                                      SCNParameters(name: "BENCH", totalCurrent: site.installation.maxCurrent))
        let executor = PlanExecutor(directory: directory, storage: .files,
                                    settings: .init(wait: .seconds(300), backupDirectory: state + "/backups", variables: ["XDG_STATE_HOME": state]))
        let clock = ContinuousClock()
        let started = clock.now
        var results: [StationResult] = []
        do {
            // One run per station is what a one-station-at-a-time tool does; one run over all is the parallel apply.
            let batches = parallel ? [plans] : plans.map { [$0] }
            for (index, batch) in batches.enumerated() {
                results += try await executor.run(try RunPlan.compile(Plan(stations: batch), command: "scn-create", for: .ocpp),
                                                   runDirectory: state + "/run-\(index)")
            }
        } catch {
            await virtual.stop()
            await directory.shutdown()
            throw error
        }
        let elapsed = started.duration(to: clock.now)
        await virtual.stop()
        await directory.shutdown()
        let applied = results.filter { $0.status == .applied }.count
        guard applied == count else {
            let problems = results.filter { $0.status != .applied }.map { "\($0.station): \($0.status.rawValue) \($0.error.map { "\($0)" } ?? "")" }
            throw BenchFailure("SCN of \(count): \(applied) of \(count) stations applied; " + problems.joined(separator: "; "))
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func benchSite(stations count: Int) throws -> Site {
        let stations = (1...count).map { "  - { id: BENCH\(String(format: "%03d", $0)), maxCurrent: 32, sockets: [{ maxCurrent: 32 }] }" }
        let yaml = """
            site: SCN bench
            installation: { phases: 3, maxCurrent: 250 }
            scn: { name: BENCH, socketSafeCurrent: 6, alternatingPeriod: 900 }
            stations:
            \(stations.joined(separator: "\n"))
            """
        return try Site(document: try YAMLDocument.parse(yaml, file: "bench.yaml"), file: "bench.yaml")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
