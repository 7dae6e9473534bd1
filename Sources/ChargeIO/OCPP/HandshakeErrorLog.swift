import Logging
import NIOCore
import NIOHTTP1

/// NIO answers an unparsable upgrade request (headers over its 80 KiB limit, say) with 400 but leaves the socket
/// open until the handshake timeout; this closes it once the answer is flushed, and leaves the one log line that
/// says why. Behind the HTTP handlers; it only watches errors.
final class HandshakeErrorLog: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError {
            let peer = context.channel.remoteAddress.map { " from \($0)" } ?? ""
            let why = error == .headerOverflow ? "its HTTP headers are over the size limit" : "its HTTP request is malformed (\(error))"
            logger.notice("refused a connection\(peer): \(why)")
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        context.fireErrorCaught(error)
    }
}
