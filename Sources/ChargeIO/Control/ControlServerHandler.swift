import Foundation
import NIOCore

/// One control client's channel: each request line is answered from its own task (a long `wait` must not hold up
/// the calls behind it); answers are written as they finish, matched by their `id`.
final class ControlServerHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let session: ControlSession

    init(session: ControlSession) {
        self.session = session
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = Self.unwrapInboundIn(data)
        let channel = context.channel
        guard let request = try? JSONDecoder().decode(ControlRequest.self, from: Data(line.readableBytesView)) else {
            Self.write(ControlResponse(id: -1, error: ControlError(badRequest: "not a control request")), to: channel)
            return
        }
        let session = self.session
        Task { Self.write(await session.handle(request), to: channel) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        session.logger.debug("control client dropped: \(error)")
        context.close(promise: nil)
    }

    /// Thread-safe: NIO hops to the channel's event loop; a client that left makes the write fail quietly.
    static func write(_ response: ControlResponse, to channel: any Channel) {
        guard var data = try? JSONEncoder().encode(response) else { return }
        data.append(UInt8(ascii: "\n"))
        channel.writeAndFlush(ByteBuffer(bytes: data), promise: nil)
    }
}
