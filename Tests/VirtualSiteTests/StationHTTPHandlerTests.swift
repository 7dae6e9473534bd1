import ChargeIO
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import VirtualSite

/// The HTTP/1.1 adapter byte by byte: requests in as bytes, answers out as bytes, on one connection (no TLS).
@Suite struct StationHTTPHandlerTests {
    struct Plain: ChannelSecurity {
        let scheme = "ws"
        func secure(_ channel: any Channel) throws {}
    }

    static func connection(_ id: UInt64 = 1, server: StationHTTPSServer? = nil) throws -> (EmbeddedChannel, StationHTTPSServer) {
        let site = Fixtures.oneStationSite()
        let timeline = try SiteTimeline(site: site, scenario: nil)
        let views = SiteViews(original: site, scenario: nil, timeline: timeline)
        let station = VirtualStation(identity: Fixtures.single, index: 0, unlockedFeatures: 0, views: views, now: { 0 }, onEvent: { _ in })
        views.attach([{ station.store }])
        let server = server ?? StationHTTPSServer(station: station, security: Plain(), backOfficeURL: "ws://127.0.0.1:8180/ocpp",
                                                  password: "pw", lockout: .seconds(60), live: { StationLiveReadings() }, now: { 0 })
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).wait()
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
        try channel.pipeline.syncOperations.addHandler(StationHTTPHandler(server: server, connection: id))
        return (channel, server)
    }

    static func exchange(_ channel: EmbeddedChannel, _ request: String) throws -> String {
        try channel.writeInbound(ByteBuffer(string: request))
        var answer = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { answer += String(buffer: buffer) }
        return answer
    }

    @Test func infoLoginAndAPropertyOnOneConnection() throws {
        let (channel, _) = try Self.connection()
        let info = try Self.exchange(channel, "GET /api/info HTTP/1.1\r\nHost: station\r\n\r\n")
        #expect(info.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(info.contains("Content-Type: application/json\r\n"))
        #expect(info.contains("Connection: keep-alive\r\n"))
        #expect(info.hasSuffix(#"{"FWVersion":"6.4.0-4210","Identity":"ACE0001234","Model":"NG910-60023","ObjectId":"1234","Type":"1.0.1"}"#))

        let body = #"{"username":"admin","password":"pw"}"#
        let login = try Self.exchange(channel, "POST /api/login HTTP/1.1\r\nHost: s\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(login.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(login.contains("Content-Length: 0\r\n"))

        let read = try Self.exchange(channel, "GET /api/prop?ids=2062_0 HTTP/1.1\r\nHost: s\r\n\r\n")
        #expect(read.hasSuffix(#"{"offset":0,"properties":[{"access":0,"cat":"generic","id":"2062_0","len":0,"type":8,"value":32}],"total":1,"version":2}"#))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test func theSessionBelongsToItsConnection() throws {
        let (first, server) = try Self.connection(1)
        let (second, _) = try Self.connection(2, server: server)
        let body = #"{"username":"admin","password":"pw"}"#
        _ = try Self.exchange(first, "POST /api/login HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(server.refuses(2))
        // A request that reaches the API on another connection while the session lasts: dropped unanswered.
        #expect(try Self.exchange(second, "GET /api/prop?ids=2062_0 HTTP/1.1\r\n\r\n").isEmpty)
        _ = try Self.exchange(first, "POST /api/logout HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        #expect(!server.refuses(2))
        let (third, _) = try Self.connection(3, server: server)
        #expect(try Self.exchange(third, "GET /api/prop?ids=2062_0 HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
        _ = try? first.finish()
        _ = try? third.finish()
    }

    @Test func connectionCloseAndOversizedBodies() throws {
        let (channel, _) = try Self.connection()
        let answer = try Self.exchange(channel, "GET /api/nothing HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(answer.contains("Connection: close\r\n"))
        #expect(!channel.isActive)

        let (big, _) = try Self.connection()
        let size = StationHTTPHandler.maximumBody + 1
        let tooLarge = try Self.exchange(big, "POST /api/prop HTTP/1.1\r\nContent-Length: \(size)\r\n\r\n" + String(repeating: "x", count: size))
        #expect(tooLarge.hasPrefix("HTTP/1.1 413 Payload Too Large\r\n"))
    }
}
