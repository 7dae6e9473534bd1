import NIOCore
import NIOHTTP1

/// Adapts NIO's HTTP/1.1 parts to `StationAPISession`: collects one request, answers it, performs the action
/// (a reboot) once the answer is written. Keep-alive by default: the session lives on this connection.
final class StationHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let maximumBody = 64 * 1024

    let server: StationHTTPSServer
    let connection: UInt64
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false

    init(server: StationHTTPSServer, connection: UInt64) {
        self.server = server
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
            tooLarge = false
        case .body(var chunk):
            if body.count + chunk.readableBytes > Self.maximumBody { tooLarge = true } else {
                body += chunk.readBytes(length: chunk.readableBytes) ?? []
            }
        case .end:
            guard let head else { return }
            self.head = nil
            if tooLarge {
                respond(context, head, StationAPIResponse(status: 413), action: nil, close: true)
                return
            }
            let request = StationAPIRequest(method: head.method.rawValue, uri: head.uri, body: body)
            switch server.handle(request, connection: connection) {
            case .answer(let response, let action): respond(context, head, response, action: action, close: !head.isKeepAlive)
            case .refuse: BusyGate.reset(context)
            case .drop(let action):
                context.close(promise: nil)
                if let action { server.perform(action) }
            }
        }
    }

    private func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ response: StationAPIResponse,
                         action: StationAPISession.Action?, close: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(response.body.utf8.count))
        headers.add(name: "Connection", value: close ? "close" : "keep-alive")
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if !response.body.isEmpty {
            let buffer = context.channel.allocator.buffer(string: response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let written = context.writeAndFlushPromise()
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let server = self.server
        let channel = context.channel
        written.futureResult.whenComplete { _ in
            if close { channel.close(promise: nil) }
            if let action { server.perform(action) }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

extension ChannelHandlerContext {
    fileprivate func writeAndFlushPromise() -> EventLoopPromise<Void> { eventLoop.makePromise() }
}
