import ChargeIO
import DNSSD

/// The mDNS browse and the optional TCP scan, run side by side within one window.
struct DiscoverSearch: Sendable {
    struct Outcome: Sendable {
        var instances: [DNSServiceInstance] = []
        var hits: [TCPScanHit] = []
        var warnings: [MDNSWarning] = []
        var elapsed: Double = 0
    }

    enum Part: Sendable {
        case mdns(MDNSBrowseResult)
        case scan([TCPScanHit])
        case deadline
    }

    var port: any DiscoveryPort
    var request: DiscoverRequest

    /// Each part stops at the window's end; when one part finishes and, with what the other has found, enough
    /// stations are known for `--expect`, the rest is cancelled.
    func run() async throws -> Outcome {
        do {
            return try await search()
        } catch let error as MDNSError {
            throw CommandFailure(error)
        }
    }

    private func search() async throws -> Outcome {
        let start = ContinuousClock.now
        var outcome = try await withThrowingTaskGroup(of: Part.self) { group in
            group.addTask {
                .mdns(try await port.browse(on: request.interfaces, window: request.window, expect: request.expect))
            }
            if let hosts = request.scanHosts {
                group.addTask { .scan(try await port.scan(hosts, ports: DiscoverRequest.scanPorts)) }
                group.addTask {
                    // The scan has no window of its own: stop it with the browse's.
                    try? await Task.sleep(until: start + request.window)
                    return .deadline
                }
            }
            var outcome = Outcome()
            var pending = request.scanHosts == nil ? 1 : 2
            while pending > 0, let part = try await group.next() {
                switch part {
                case .mdns(let result):
                    outcome.instances = result.instances
                    outcome.warnings = result.warnings
                    pending -= 1
                case .scan(let hits):
                    outcome.hits = hits
                    pending -= 1
                case .deadline:
                    group.cancelAll()
                }
                if let expect = request.expect, DiscoveryMerge.merge(outcome.instances, outcome.hits).count >= expect {
                    group.cancelAll()
                }
            }
            group.cancelAll()
            return outcome
        }
        let elapsed = ContinuousClock.now - start
        outcome.elapsed = elapsed.seconds
        return outcome
    }
}
