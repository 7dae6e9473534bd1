import ChargeIO
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// Opens `count` OCPP-J WebSocket connections (`/ocpp/CP<n>`) to a central system on loopback; each is an
/// `OCPPLoadStation`. The same generator drives chargectl serve and the Python baseline.
enum OCPPLoadGenerator {
    static func connect(count: Int, host: String, port: Int, tally: LoadTally,
                        group: any EventLoopGroup) async throws -> [any Channel] {
        var channels: [any Channel] = []
        // A few hundred handshakes in flight at once, as stations coming back after a power cut would.
        for batch in stride(from: 0, to: count, by: 200) {
            try await withThrowingTaskGroup(of: (any Channel).self) { tasks in
                for index in batch..<min(count, batch + 200) {
                    tasks.addTask { try await station("CP\(index)", host: host, port: port, tally: tally, group: group) }
                }
                for try await channel in tasks { channels.append(channel) }
            }
        }
        return channels
    }

    static func station(_ identity: String, host: String, port: Int, tally: LoadTally,
                        group: any EventLoopGroup) async throws -> any Channel {
        let upgraded: EventLoopFuture<(any Channel)?> = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<(any Channel)?>(maxFrameSize: 1 << 20) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(OCPPLoadStation(identity: identity, tally: tally))
                            return channel
                        }
                    }
                    let headers = HTTPHeaders([("Host", "\(host):\(port)"), ("Content-Length", "0"),
                                               ("Sec-WebSocket-Protocol", "ocpp1.6")])
                    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/ocpp/\(identity)", headers: headers)
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: .forwardingEarlyFrames(.init(
                            upgradeRequestHead: head, upgraders: [upgrader],
                            notUpgradingCompletionHandler: { $0.eventLoop.makeSucceededFuture(nil) })))
                }
            }
        guard let channel = try await upgraded.get() else { throw LoadError.refused(identity) }
        OCPPLoadStation.boot(channel)
        return channel
    }

    enum LoadError: Error { case refused(String) }
}
