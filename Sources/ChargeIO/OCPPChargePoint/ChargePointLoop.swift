import Logging
import NIOCore
import NIOWebSocket

/// The socket side of one charge-point connection: a writer and a reader over one `NIOAsyncChannel`. Ends when
/// either side ends; leaving `executeThenClose` closes the socket.
struct ChargePointLoop {
    let link: ChargePointLink
    let messages: AsyncStream<String>
    let logger: Logger

    func run(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await write(to: outbound) }
                    group.addTask { await read(inbound, outbound) }
                    _ = await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("connection ended: \(error)")
        }
        link.connectionClosed()
    }

    private func write(to outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) async {
        do {
            for await text in messages {
                // RFC 6455 §5.3: a client masks every frame.
                try await outbound.write(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text)))
            }
            var data = ByteBuffer()
            data.write(webSocketErrorCode: .normalClosure)
            try await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data))
        } catch {
            logger.debug("write failed: \(error)")
        }
    }

    private func read(_ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>,
                      _ outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) async {
        do {
            for try await frame in inbound {
                switch frame.opcode {
                case .text:
                    link.receive(String(buffer: frame.unmaskedData))
                case .ping:
                    // RFC 6455 §5.5.3: a Pong carries the Ping's data.
                    try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData))
                case .connectionClose:
                    return
                default:
                    continue
                }
            }
        } catch {
            logger.debug("read failed: \(error)")
        }
    }
}
