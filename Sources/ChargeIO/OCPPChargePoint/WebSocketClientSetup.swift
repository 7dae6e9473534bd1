import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// How one dial ended: an upgraded WebSocket, or the HTTP status the central system refused with.
enum ClientUpgradeOutcome: Sendable {
    case upgraded(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)
    case refused(status: String)
}

/// TCP connect plus the typed WebSocket client upgrade (RFC 6455 §4.1), offering `ocpp1.6` (OCPP-J 1.6 §3.1.2)
/// and Basic credentials when the station has a password.
enum WebSocketClientSetup {
    static func connect(_ configuration: ChargePointConfiguration, group: any EventLoopGroup) async throws -> ClientUpgradeOutcome {
        let url = configuration.url
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(url.host):\(url.port)")
        headers.add(name: "Sec-WebSocket-Protocol", value: "ocpp1.6")
        if let authorization = configuration.authorizationHeader { headers.add(name: "Authorization", value: authorization) }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: configuration.requestURI, headers: headers)
        let maximumSize = configuration.maximumMessageSize
        let upgrade: EventLoopFuture<ClientUpgradeOutcome> = try await ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: url.host, port: url.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<ClientUpgradeOutcome>(
                        maxFrameSize: maximumSize,
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                                    minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1024,
                                    maxAccumulatedFrameSize: maximumSize))
                                // Last, after every fallible step: a dropped NIOAsyncChannel traps (environment.md §1).
                                return .upgraded(try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel))
                            }
                        })
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<ClientUpgradeOutcome>(
                        upgradeRequestHead: head, upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in
                            channel.close(promise: nil)
                            return channel.eventLoop.makeSucceededFuture(.refused(status: "not upgraded"))
                        })
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: .forwardingEarlyFrames(configuration))
                }
            }
        return try await upgrade.get()
    }
}

extension NIOUpgradableHTTPClientPipelineConfiguration {
    /// A client upgrade that keeps the frames read together with the 101. A central system may send its first CALL
    /// right behind the response (ours does when a command is already waiting for the station), and NIO's default
    /// drops whatever was read with it.
    public static func forwardingEarlyFrames(_ upgrade: NIOTypedHTTPClientUpgradeConfiguration<UpgradeResult>) -> Self {
        var configuration = Self(upgradeConfiguration: upgrade)
        configuration.leftOverBytesStrategy = .forwardBytes
        return configuration
    }
}
