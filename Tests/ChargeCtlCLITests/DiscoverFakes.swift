import ChargeCtlCLI
import ChargeIO
import DNSSD
import Foundation
import Synchronization

/// A discovery port that answers from canned data and records what it was asked: no socket is opened.
final class FakeDiscoveryPort: DiscoveryPort, Sendable {
    let instances: [DNSServiceInstance]
    let hits: [TCPScanHit]
    let warnings: [MDNSWarning]
    private let calls = Mutex<[String]>([])

    init(instances: [DNSServiceInstance] = [], hits: [TCPScanHit] = [], warnings: [MDNSWarning] = []) {
        self.instances = instances
        self.hits = hits
        self.warnings = warnings
    }

    var asked: [String] { calls.withLock { $0 } }

    func interfaces() -> [MDNSInterface] {
        [MDNSInterface(name: "lo", address: IPv4Address(127, 0, 0, 1), isLoopback: true),
         MDNSInterface(name: "eth9", address: IPv4Address(192, 168, 9, 2))]
    }

    func browse(on interfaces: [MDNSInterface], window: Duration, expect: Int?) async throws(MDNSError)
        -> MDNSBrowseResult {
        calls.withLock { $0.append("browse \(interfaces.map(\.name)) \(window) \(expect.map(String.init) ?? "-")") }
        return MDNSBrowseResult(instances: instances, warnings: warnings)
    }

    func scan(_ hosts: [IPv4Address], ports: [Int]) async throws(MDNSError) -> [TCPScanHit] {
        calls.withLock { $0.append("scan \(hosts.count) hosts \(ports)") }
        return hits
    }

    func advertise(_ services: DNSSDResponderGroup, on interface: MDNSInterface, duration: Duration?,
                   stop: AsyncStream<Void>?, ready: @escaping @Sendable () -> Void) async throws(MDNSError) {
        calls.withLock { $0.append("advertise \(services.responders.count) on \(interface.name)") }
        ready()
    }

    static func station(_ identity: String, _ address: IPv4Address, object: String, scn: String = "",
                        service: DNSName = DNSSDServiceType.alfen, instance: String? = nil) -> DNSServiceInstance {
        let name = (try? service.prepending(instance ?? identity)) ?? service
        return DNSServiceInstance(
            name: name, serviceType: service, hostName: try? DNSName("ng910-60023-\(object).local"),
            port: service == DNSSDServiceType.alfen ? 443 : 80, ipv4Addresses: [address],
            txt: DNSTXT(attributes: [(key: "identity", value: identity), (key: "scnnetwork", value: scn),
                                     (key: "type", value: "2.1.3"), (key: "fwversion", value: "5.2.1-4312")]))
    }
}

extension TestCLI {
    /// Like `run`, with a fake discovery port in the environment.
    static func run(_ arguments: [String], discovery: any DiscoveryPort) async throws
        -> (status: ExitStatus, console: RecordingConsole) {
        let test = TestEnvironment().withDiscovery(discovery)
        return (try await test.run(arguments), test.console)
    }
}
