import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// The socket side of one station's connection: one channel handler, on the channel's event loop, feeding text
/// frames to the connection, answering Pings and Closes, and pinging a quiet peer. Frames go out through
/// `OCPPOutbound` in the order the connection queues them. A handler rather than tasks over an `NIOAsyncChannel`
/// and an `AsyncStream`: with tasks, a thousand idle stations would cost a thousand of each, and every frame two
/// task hops.
final class OCPPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame

    let connection: OCPPStationConnection
    let pingInterval: Duration
    let pingTimeout: Duration
    /// The message size limit, for the log line of a message over it.
    let maximumMessageSize: Int
    let logger: Logger
    /// Set once a Close, a binary frame or an error ended the reading side: later frames are not read.
    private var readingEnded = false
    /// Set once a frame that breaks RFC 6455 was logged and answered with a Close.
    private var refused = false
    private var keepAlive: Scheduled<Void>?

    init(connection: OCPPStationConnection, pingInterval: Duration, pingTimeout: Duration, maximumMessageSize: Int,
         logger: Logger) {
        self.connection = connection
        self.maximumMessageSize = maximumMessageSize
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        schedulePing(context.eventLoop)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        keepAlive?.cancel()
        keepAlive = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !readingEnded else { return }
        let frame = Self.unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            let data = frame.unmaskedData
            // RFC 6455 §8.1: invalid UTF-8 fails the connection (1007); repairing it would hand the session text
            // the station never sent.
            guard let text = data.withUnsafeReadableBytes({ String(validating: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }) else {
                return refuse(.invalidUTF8)
            }
            connection.receive(text)
        case .ping:
            connection.heard()
            connection.send(.pong(frame.unmaskedData))
        case .pong, .continuation:
            connection.heard()
        case .connectionClose:
            // RFC 6455 §5.5.1: answer a Close with a Close, echoing the status code.
            readingEnded = true
            var data = frame.unmaskedData
            connection.finishOutbound(with: .close(data.readWebSocketErrorCode() ?? .normalClosure))
        default:
            // OCPP-J 1.6 §4.1.2: messages are UTF-8 text; binary frames are refused (RFC 6455 §7.4.1: 1003).
            readingEnded = true
            connection.finishOutbound(with: .close(.unacceptableData))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepAlive?.cancel()
        keepAlive = nil
        readingEnded = true
        connection.connectionClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // NIO's own protocol error handler may have closed the channel already (a frame over the limit): the
        // violation is still logged, once.
        if let violation = WebSocketViolation(error, limit: maximumMessageSize) { return refuse(violation) }
        guard !readingEnded else { return }
        logger.debug("read failed: \(error)", metadata: ["station": "\(connection.identity)"])
        readingEnded = true
        connection.finishOutbound(with: nil)
    }

    /// A frame that breaks RFC 6455: one log line, a Close with the code that says why, nothing more read.
    private func refuse(_ violation: WebSocketViolation) {
        guard !refused else { return }
        refused = true
        readingEnded = true
        logger.notice("closing the connection: it sent \(violation)", metadata: ["station": "\(connection.identity)"])
        connection.finishOutbound(with: .close(violation.closeCode))
    }

    /// OCPP-J 1.6 §5.3 and errata 3.9: pings find half-open sockets that TCP alone would keep for hours. Anything
    /// heard after the ping counts as the answer (OCPP 1.6 §4.6).
    private func schedulePing(_ loop: any EventLoop) {
        let bound = NIOLoopBound(self, eventLoop: loop)
        keepAlive = loop.scheduleTask(in: TimeAmount(pingInterval)) {
            let handler = bound.value
            let sent = ContinuousClock.now
            handler.connection.send(.ping)
            handler.keepAlive = loop.scheduleTask(in: TimeAmount(handler.pingTimeout)) {
                let handler = bound.value
                if handler.connection.lastHeard < sent {
                    handler.logger.notice("no answer to a ping within \(StationError.seconds(handler.pingTimeout)); dropping the connection",
                                          metadata: ["station": "\(handler.connection.identity)"])
                    handler.keepAlive = nil
                    handler.connection.finishOutbound(with: nil)
                } else {
                    handler.schedulePing(loop)
                }
            }
        }
    }
}

/// Where a connection's frames go: the channel, in the order they were queued. A Close frame, or `finish`, is the
/// last: the channel closes after it and anything queued later is dropped. Thread-safe; every write hops through
/// the event loop's queue (even from the loop itself) so that frames keep the order they were queued in.
final class OCPPOutbound: Sendable {
    private let channel: any Channel
    private let finished = NIOLockedValueBox(false)

    init(channel: any Channel) {
        self.channel = channel
    }

    func yield(_ message: OutboundMessage) {
        let channel = self.channel
        finished.withLockedValue { finished in
            guard !finished else { return }
            if case .close = message { finished = true }
            channel.eventLoop.execute { Self.write(message, to: channel) }
        }
    }

    /// Ends the output: the channel closes once what was queued before is written.
    func finish() {
        let channel = self.channel
        finished.withLockedValue { finished in
            guard !finished else { return }
            finished = true
            channel.eventLoop.execute { channel.close(promise: nil) }
        }
    }

    private static func write(_ message: OutboundMessage, to channel: any Channel) {
        switch message {
        case .text(let text):
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(string: text)), promise: nil)
        case .ping:
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .ping, data: channel.allocator.buffer(string: "chargectl")), promise: nil)
        case .pong(let data):
            // RFC 6455 §5.5.3: a Pong carries the Ping's application data.
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .pong, data: data), promise: nil)
        case .close(let code):
            var data = channel.allocator.buffer(capacity: 2)
            data.write(webSocketErrorCode: code)
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }
}
