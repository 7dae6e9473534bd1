import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOWebSocket
import OCPP16

/// The end of one connection's HTTP upgrade.
enum HandshakeOutcome: Sendable {
    /// The connection's handler is in the pipeline already, reading from the moment of the upgrade.
    case accepted(OCPPStationConnection, any Channel)
    case refused(HandshakeRefusal)
}

/// The child-channel pipeline: HTTP/1.1, then the typed WebSocket upgrade (RFC 6455 §4.2) guarded by the
/// `HandshakePolicy`. A refused request gets its HTTP status (401, 404, 400, 426) before any WebSocket exists; an
/// accepted one gets its `OCPPStationConnection` and the `OCPPConnectionHandler` that drives it.
enum WebSocketServerSetup {
    static func configure(
        _ channel: any Channel, policy: HandshakePolicy, configuration: CentralSystemConfiguration, logger: Logger
    ) -> EventLoopFuture<EventLoopFuture<HandshakeOutcome>> {
        channel.eventLoop.makeCompletedFuture {
            // TLS first, so HTTP reads plaintext (security profile 2).
            try configuration.security?.secure(channel)
            // shouldUpgrade runs first and only once per connection; the not-upgrading path needs its reason.
            let decision = NIOLockedValueBox<HandshakeDecision?>(nil)
            // Watches the HTTP phase only; the upgrade takes it out of the WebSocket's way.
            let handshakeLog = NIOLoopBound(HandshakeErrorLog(logger: logger), eventLoop: channel.eventLoop)
            let upgrader = NIOTypedWebSocketServerUpgrader<HandshakeOutcome>(
                maxFrameSize: configuration.maximumMessageSize,
                shouldUpgrade: { channel, head in
                    let verdict = policy.decide(uri: head.uri, headers: head.headers)
                    decision.withLockedValue { $0 = verdict }
                    guard case .accept = verdict else { return channel.eventLoop.makeSucceededFuture(nil) }
                    return channel.eventLoop.makeSucceededFuture(HTTPHeaders([("Sec-WebSocket-Protocol", HandshakePolicy.subprotocol)]))
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        guard case .accept(let identity)? = decision.withLockedValue({ $0 }) else {
                            throw ChannelError.inappropriateOperationForState
                        }
                        channel.pipeline.syncOperations.removeHandler(handshakeLog.value, promise: nil)
                        try channel.pipeline.syncOperations.addHandler(MaskedFrameGuard())
                        // Fragmented messages arrive whole, up to the same size limit (RFC 6455 §5.4).
                        try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                            minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1024,
                            maxAccumulatedFrameSize: configuration.maximumMessageSize))
                        let responder = CentralSystemResponder(registrationStatus: configuration.registrationStatus,
                                                               heartbeatInterval: configuration.heartbeatInterval)
                        let connection = OCPPStationConnection(
                            identity: identity,
                            session: OCPPSession(responder: responder, messageIDs: SequentialMessageIDs(prefix: "cs")),
                            callTimeout: configuration.callTimeout, outbound: OCPPOutbound(channel: channel),
                            timers: channel.eventLoop, logger: logger)
                        try channel.pipeline.syncOperations.addHandler(OCPPConnectionHandler(
                            connection: connection, pingInterval: configuration.pingInterval,
                            pingTimeout: configuration.pingTimeout, maximumMessageSize: configuration.maximumMessageSize,
                            logger: logger))
                        return .accepted(connection, channel)
                    }
                })
            let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
                configuration: NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: .init(
                    upgraders: [upgrader],
                    notUpgradingCompletionHandler: { channel in
                        var reason = HandshakeRefusal.notWebSocket
                        if case .refuse(let refusal)? = decision.withLockedValue({ $0 }) { reason = refusal }
                        return refuse(channel, reason)
                    })))
            try channel.pipeline.syncOperations.addHandler(handshakeLog.value)
            // A peer that connects and never finishes its upgrade must not hold a socket forever.
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.handshakeTimeout)) {
                channel.close(promise: nil)
            }
            upgrade.whenComplete { _ in deadline.cancel() }
            return upgrade
        }
    }

    private static func refuse(_ channel: any Channel, _ reason: HandshakeRefusal) -> EventLoopFuture<HandshakeOutcome> {
        let head = HTTPResponseHead(version: .http1_1, status: reason.status, headers: reason.headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        // Closed once the answer is written, or could not be: the handshake timeout is for peers that never finish
        // their request, not for refused ones.
        let written = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        written.whenComplete { _ in channel.close(promise: nil) }
        return written.recover { _ in }.map { .refused(reason) }
    }
}
