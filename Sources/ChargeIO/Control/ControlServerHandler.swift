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
        guard let request = ControlCoding.decode(ControlRequest.self, line: line) else {
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
        guard let line = ControlCoding.line(response, allocator: channel.allocator) else { return }
        channel.writeAndFlush(line, promise: nil)
    }
}
