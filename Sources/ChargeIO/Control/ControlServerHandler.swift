import NIOCore

/// One control client's channel: requests are answered concurrently (a long `wait` must not hold up the calls behind
/// it); answers are written as they finish, matched by their `id`.
final class ControlServerHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let session: ControlSession
    let writer: CoalescingWriter

    init(session: ControlSession, channel: any Channel) {
        self.session = session
        self.writer = CoalescingWriter(channel: channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = Self.unwrapInboundIn(data)
        guard let request = ControlCoding.decode(ControlRequest.self, line: line) else {
            write(ControlResponse(id: -1, error: ControlError(badRequest: "not a control request")))
            return
        }
        session.handle(request) { [self] in write($0) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        session.logger.debug("control client dropped: \(error)")
        context.close(promise: nil)
    }

    /// Thread-safe; a client that left makes the write fail quietly.
    private func write(_ response: ControlResponse) {
        guard let line = ControlCoding.line(response, allocator: writer.channel.allocator) else { return }
        writer.write(line)
    }
}
