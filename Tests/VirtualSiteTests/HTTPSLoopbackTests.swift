import ChargeIO
import ChargeTLS
import Foundation
import NIOCore
import OCPP16
import StationModel
import Synchronization
import Testing
@testable import VirtualSite

/// A virtual station's HTTPS API over real TLS on loopback (SPEC §3): its own address, one session per
/// connection, another client turned away, a reboot that takes the API away and brings the station back at a
/// new back-office URL. Every wait is bounded.
@Suite(.serialized) struct HTTPSLoopbackTests {
    final class Log: Sendable {
        let events = Mutex<[String]>([])
        func add(_ event: VirtualSiteEvent) { events.withLock { $0.append("\(event)") } }
        var all: [String] { events.withLock { $0 } }
    }

    static func site(id: String, host: String) -> Site {
        Site(name: "https", installation: Installation(phases: 3, maxCurrent: 40),
             stations: [StationEntry(id: id, host: host, model: "NG910-60023", maxCurrent: 32, httpsPassword: .literal("unused"),
                                     sockets: [SocketEntry(maxCurrent: 32)])])
    }

    static func options(_ log: Log) throws -> VirtualSiteOptions {
        var options = VirtualSiteOptions(rebootTime: .milliseconds(400), mdnsInterface: nil) { log.add($0) }
        options.httpsSecurity = { identity, host in try SelfSignedCertificate.serverSecurity(commonName: identity, address: host) }
        options.httpsPasswords = ["ACE0003001": "pw-3001", "ACE0003002": "pw-3002"]
        return options
    }

    /// Retries `body` until it succeeds or `seconds` pass.
    static func eventually<T>(_ seconds: Double, _ body: () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            do { return try await body() } catch {
                if ContinuousClock.now > deadline { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    @Test func oneSessionOneConnectionAndAReboot() async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let log = Log()
        let running = try await VirtualSiteRunner.start(site: Self.site(id: "ACE0003001", host: "127.0.3.41:0"), scenario: nil,
                                                        ocppURL: "ws://127.0.0.1:9/ocpp", options: Self.options(log))
        defer { Task { await running.stop() } }
        let station = try #require(running.stations.first)
        #expect(station.host == "127.0.3.41")
        let port = try #require(station.httpsPort)
        #expect(port > 0)

        try await HTTPSTestClient.withConnection(host: "127.0.3.41", port: port) { client throws in
            let info = try await client.request(.GET, "/api/info")
            #expect(info.status == 200 && info.body.contains(#""Identity":"ACE0003001""#))
            #expect(try await client.request(.GET, "/api/prop?cat=generic").status == 401)
            #expect(try await client.login("wrong") == 401)
            #expect(try await client.login("pw-3001") == 200)
            let page = try await client.request(.GET, "/api/prop?cat=generic&offset=0")
            #expect(page.status == 200 && page.body.contains(#""total":"#))

            // Another client while the session lasts: reset at its ClientHello.
            await #expect(throws: (any Error).self) {
                try await HTTPSTestClient.withConnection(host: "127.0.3.41", port: port) { other in
                    try await other.request(.GET, "/api/info")
                }
            }

            #expect(try await client.request(.POST, "/api/prop", #"{"2062_0":{"id":"2062_0","value":16}}"#).status == 200)
            let read = try await client.request(.GET, "/api/prop?ids=2062_0")
            #expect(read.body.contains(#""value":16"#))
            #expect(try await client.request(.POST, "/api/cmd", #"{"command":"reboot"}"#).status == 200)
            // The reboot drops this connection.
            await #expect(throws: (any Error).self) { try await client.request(.GET, "/api/info") }
        }
        // Away for the reboot: connections are refused, then it answers again.
        await #expect(throws: (any Error).self) {
            try await HTTPSTestClient.withConnection(host: "127.0.3.41", port: port) { try await $0.request(.GET, "/api/info") }
        }
        let back = try await Self.eventually(5) {
            try await HTTPSTestClient.withConnection(host: "127.0.3.41", port: port) { try await $0.request(.GET, "/api/info") }
        }
        #expect(back.status == 200)
        #expect(log.all.contains { $0.contains("rebooting") })
        #expect(log.all.contains("ACE0003001: HTTPS API on 127.0.3.41:\(port)"))
    }

    /// What `adopt` relies on: the back-office URL written over HTTPS, then a reboot, and the station dials the new
    /// central system.
    @Test func anAdoptedStationDialsItsNewCentralSystem() async throws {
        guard SelfSignedCertificate.openssl != nil else { return }
        let id = "ACE0003002"
        let old = try await CentralSystem.start(CentralSystemConfiguration(host: "127.0.0.1", port: 0, stations: [id],
                                                                           callTimeout: .seconds(5), handshakeTimeout: .seconds(5)))
        let new = try await CentralSystem.start(CentralSystemConfiguration(host: "127.0.0.1", port: 0, stations: [id],
                                                                           callTimeout: .seconds(5), handshakeTimeout: .seconds(5)))
        let log = Log()
        let running = try await VirtualSiteRunner.start(site: Self.site(id: id, host: "127.0.3.42:0"), scenario: nil,
                                                        ocppURL: "ws://\(old.listeningAddress)/ocpp", options: Self.options(log))
        defer {
            Task {
                await running.stop()
                await old.shutdown()
                await new.shutdown()
            }
        }
        _ = try await old.waitForStation(id, timeout: .seconds(10))
        let port = try #require(running.stations.first?.httpsPort)
        try await HTTPSTestClient.withConnection(host: "127.0.3.42", port: port) { client throws in
            #expect(try await client.login("pw-3002") == 200)
            let url = "ws://\(new.listeningAddress)/ocpp"
            #expect(try await client.request(.GET, "/api/prop?cat=ocpp").body.contains("ws://\(old.listeningAddress)/ocpp"))
            #expect(try await client.request(.POST, "/api/prop", #"{"20F0_3":{"id":"20F0_3","value":"\#(url)"}}"#).status == 200)
            #expect(try await client.request(.POST, "/api/cmd", #"{"command":"reboot"}"#).status == 200)
        }
        let station = try await new.waitForStation(id, timeout: .seconds(10))
        let answer = try await station.getConfiguration(keys: ["Station-MaxCurrent"])
        #expect(answer["Station-MaxCurrent"]?.value == "32")
    }
}
