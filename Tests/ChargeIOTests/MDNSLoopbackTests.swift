@testable import ChargeIO
import DNSSD
import NIOCore
import NIOPosix
import Testing

/// Our responder and our browser over real sockets, pinned to lo (ARCHITECTURE.md: tests never touch a
/// non-loopback address); the interop tests do the same against python-zeroconf.
@Suite(.serialized) struct MDNSLoopbackTests {
    static let loopback = MDNSInterface(name: "lo", address: IPv4Address(127, 0, 0, 1), isLoopback: true)

    /// Instance names and identities no other advertiser on lo can have (a `chargectl simulate` of some site, another
    /// test run): a random part per test run, and browses that count only these.
    static func uniquePrefix(_ tag: String) -> String {
        "LOOP-\(tag)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))-"
    }

    static func identities(_ count: Int, prefix: String) -> Set<String> {
        Set((0..<count).map { "\(prefix)\($0)" })
    }

    static func stations(_ count: Int, prefix: String) throws -> DNSSDResponderGroup {
        // Host names (the object number) as unique as the identities: another responder's host of the same name
        // would answer for it too.
        let objects = Int.random(in: 1_000_000...8_000_000)
        return DNSSDResponderGroup(try (0..<count).map { index in
            DNSSDResponder(service: try DNSSDServiceDescription(
                instanceName: "\(prefix)\(index)", serviceType: DNSSDServiceType.alfen,
                hostName: try DNSName("ng910-60023-\(objects + index).local"), port: 443,
                ipv4Address: IPv4Address(127, 0, 0, 1),
                txt: DNSTXT(attributes: [(key: "identity", value: "\(prefix)\(index)"), (key: "type", value: "2.1.3")])))
        })
    }

    /// Runs `body` while the responder publishes `services`; stops it through its stop stream.
    static func whilePublishing<R: Sendable>(_ services: DNSSDResponderGroup,
                                             _ body: @Sendable () async throws -> R) async throws -> R {
        let (stop, stopper) = AsyncStream.makeStream(of: Void.self)
        let (ready, readier) = AsyncStream.makeStream(of: Void.self)
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                try await MDNSResponderRunner().run(services, on: loopback, duration: .seconds(20), stop: stop) {
                    readier.finish()
                }
                return nil
            }
            for await _ in ready {}
            let result = try await body()
            stopper.finish()
            for try await _ in group {}
            return result
        }
    }

    @Test func theBrowserResolvesEveryPublishedStationAndStopsAtExpect() async throws {
        let prefix = Self.uniquePrefix("A")
        let ours = Self.identities(20, prefix: prefix)
        let services = try Self.stations(20, prefix: prefix)
        let start = ContinuousClock.now
        let result = try await Self.whilePublishing(services) {
            try await MDNSBrowser().browse(on: [Self.loopback], window: .seconds(60), expect: 20, identities: ours)
        }
        #expect(ContinuousClock.now - start < .seconds(30), "returned at --expect, not at the window's end")
        #expect(Set(result.instances.compactMap(\.identity)) == ours)
        #expect(result.instances.allSatisfy { $0.port == 443 && $0.sockets == 2 })
    }

    /// Issue 14: another site advertising on lo beside ours neither ends the browse early nor adds to the count
    /// (the demo's discover step browses this way).
    @Test func anotherAdvertiserOnLoopbackDoesNotChangeTheCount() async throws {
        let prefix = Self.uniquePrefix("OWN"), otherPrefix = Self.uniquePrefix("OTHER")
        let ours = Self.identities(4, prefix: prefix)
        let others = try Self.stations(7, prefix: otherPrefix)
        let own = try Self.stations(4, prefix: prefix)
        let result = try await Self.whilePublishing(others) {
            try await Self.whilePublishing(own) {
                try await MDNSBrowser().browse(on: [Self.loopback], window: .seconds(60), expect: ours.count, identities: ours)
            }
        }
        #expect(Set(result.instances.compactMap(\.identity)) == ours, "all four of ours, and only ours")
        #expect(result.instances.count == 4)
    }

    @Test func withNothingPublishedTheWindowEndsEmpty() async throws {
        let start = ContinuousClock.now
        let nobody = Self.identities(1, prefix: Self.uniquePrefix("NONE"))
        let result = try await MDNSBrowser().browse(on: [Self.loopback], window: .milliseconds(400), expect: 1, identities: nobody)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(400), "the window runs its course when nothing answers")
        #expect(result.instances.isEmpty, "whoever else advertises on lo is not counted")
    }

    @Test func cancellingTheBrowseReturnsWhatIsKnown() async throws {
        let task = Task { try await MDNSBrowser().browse(on: [Self.loopback], window: .seconds(120)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let start = ContinuousClock.now
        _ = try await task.value
        #expect(ContinuousClock.now - start < .seconds(60), "cancellation ends the browse, not the window")
    }

    @Test func theScannerFindsAnOpenPortAndNotAClosedOne() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let open = try #require(server.localAddress?.port)
        let closedServer = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let closed = try #require(closedServer.localAddress?.port)
        try await closedServer.close()
        let hits = await TCPPortScanner(concurrency: 2, connectTimeout: .milliseconds(500))
            .scan([IPv4Address(127, 0, 0, 1)], ports: [open, closed])
        try await server.close()
        #expect(hits == [TCPScanHit(address: IPv4Address(127, 0, 0, 1), openPorts: [open])])
    }
}
