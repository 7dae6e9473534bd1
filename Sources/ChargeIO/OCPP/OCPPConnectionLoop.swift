import Logging
import NIOCore
import NIOWebSocket

/// The socket side of one station's connection: three child tasks over one `NIOAsyncChannel` — write what the
/// connection queues, read frames into it, and ping a quiet peer. The loop ends when the writer has written a Close
/// or its queue finished, or when a ping goes unanswered; leaving `executeThenClose` closes the socket.
struct OCPPConnectionLoop {
    let connection: OCPPStationConnection
    let messages: AsyncStream<OutboundMessage>
    let pingInterval: Duration
    let pingTimeout: Duration
    let logger: Logger

    private enum Ended { case writer, reader, keepAlive }

    func run(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                await withTaskGroup(of: Ended.self) { group in
                    group.addTask { await write(to: outbound) }
                    group.addTask { await read(inbound) }
                    group.addTask { await keepAlive() }
                    // The reader's end only queues the Close: the writer must still put it on the wire.
                    while let ended = await group.next(), ended == .reader {}
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("connection ended: \(error)", metadata: ["station": "\(connection.identity)"])
        }
        connection.connectionClosed()
    }

    private func write(to outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) async -> Ended {
        do {
            for await message in messages {
                switch message {
                case .text(let text):
                    try await outbound.write(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text)))
                case .ping:
                    try await outbound.write(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer(string: "chargectl")))
                case .pong(let data):
                    // RFC 6455 §5.5.3: a Pong carries the Ping's application data.
                    try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, data: data))
                case .close(let code):
                    var data = ByteBuffer()
                    data.write(webSocketErrorCode: code)
                    try await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
                    return .writer
                }
            }
        } catch {
            logger.debug("write failed: \(error)", metadata: ["station": "\(connection.identity)"])
        }
        return .writer
    }

    private func read(_ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>) async -> Ended {
        do {
            for try await frame in inbound {
                switch frame.opcode {
                case .text:
                    connection.receive(String(buffer: frame.unmaskedData))
                case .ping:
                    connection.heard()
                    connection.send(.pong(frame.unmaskedData))
                case .pong, .continuation:
                    connection.heard()
                case .connectionClose:
                    // RFC 6455 §5.5.1: answer a Close with a Close, echoing the status code.
                    var data = frame.unmaskedData
                    connection.finishOutbound(with: .close(data.readWebSocketErrorCode() ?? .normalClosure))
                    return .reader
                default:
                    // OCPP-J 1.6 §4.1.2: messages are UTF-8 text; binary frames are refused (RFC 6455 §7.4.1: 1003).
                    connection.finishOutbound(with: .close(.unacceptableData))
                    return .reader
                }
            }
        } catch is CancellationError {
            // The loop is ending for another reason.
        } catch {
            logger.debug("read failed: \(error)", metadata: ["station": "\(connection.identity)"])
        }
        connection.finishOutbound(with: nil)
        return .reader
    }

    /// OCPP-J 1.6 §5.3 and errata 3.9: pings find half-open sockets that TCP alone would keep for hours. Anything
    /// heard after the ping counts as the answer (OCPP 1.6 §4.6).
    private func keepAlive() async -> Ended {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: pingInterval)
                let sent = ContinuousClock.now
                connection.send(.ping)
                try await Task.sleep(for: pingTimeout)
                if connection.lastHeard < sent {
                    logger.notice("no answer to a ping within \(StationError.seconds(pingTimeout)); dropping the connection",
                                  metadata: ["station": "\(connection.identity)"])
                    return .keepAlive
                }
            } catch {
                return .keepAlive
            }
        }
        return .keepAlive
    }
}
