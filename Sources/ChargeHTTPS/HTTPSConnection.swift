import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS
#if canImport(Glibc)
import Glibc
#endif

/// One keep-alive TLS connection to a station's API (reference §4.1: the session lives on one TCP connection), one
/// request at a time. swift-nio-ssl + NIOHTTP1 rather than AsyncHTTPClient (which the offline mirror also holds):
/// AsyncHTTPClient pools connections and may open a new one for any request, which would lose the station's
/// session, and it does not hand out the peer certificate that `known-stations` pins.
public final class HTTPSConnection: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    let channel: any Channel
    let handler: ResponseCollector
    public let address: String
    let requestTimeout: TimeAmount

    init(channel: any Channel, handler: ResponseCollector, address: String, requestTimeout: TimeAmount) {
        self.channel = channel
        self.handler = handler
        self.address = address
        self.requestTimeout = requestTimeout
    }

    /// TLS with verification off (the certificate is self-signed; it is pinned instead) and the older cipher
    /// suites the stations still need (reference §4.1: "DEFAULT" ciphers, TLS 1.0 and up).
    public static func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv1
        configuration.cipherSuites = "ALL:!aNULL:!eNULL"
        return try NIOSSLContext(configuration: configuration)
    }

    public static func connect(host: String, port: Int, context: NIOSSLContext, group: any EventLoopGroup,
                               connectTimeout: TimeAmount = .seconds(10), requestTimeout: TimeAmount = .seconds(30)) async throws(HTTPSFailure) -> HTTPSConnection {
        let address = "\(host):\(port)"
        let collector = ResponseCollector(address: address)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let tls = try NIOSSLClientHandler(context: context, serverHostname: nil)
                    try channel.pipeline.syncOperations.addHandler(tls)
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            return HTTPSConnection(channel: channel, handler: collector, address: address, requestTimeout: requestTimeout)
        } catch {
            if isRefused(error) { throw .refused(address: address) }
            if case ChannelError.connectTimeout = error { throw .timedOut(address: address, seconds: Int(connectTimeout.nanoseconds / 1_000_000_000)) }
            throw .unreachable(address: address, detail: "\(error)")
        }
    }

    /// Sends one request and waits for its whole answer, at most `requestTimeout`.
    public func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil) async throws(HTTPSFailure) -> Response {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: address)
        head.headers.add(name: "Connection", value: "keep-alive")
        head.headers.add(name: "Accept", value: "application/json")
        if let body {
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(body.count))
        }
        let promise = channel.eventLoop.makePromise(of: Response.self)
        let timeout = requestTimeout
        let channel = self.channel
        let collector = handler
        channel.eventLoop.execute {
            guard channel.isActive else {
                // Closed before this request was sent: a busy station resets the connection at the ClientHello,
                // which under load can land before the first request is written.
                promise.fail(collector.ending ?? HTTPSFailure.connectionClosed(address: collector.address))
                return
            }
            collector.expect(promise)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: body))), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            let timer = channel.eventLoop.scheduleTask(in: timeout) {
                promise.fail(HTTPSFailure.timedOut(address: collector.address, seconds: Int(timeout.nanoseconds / 1_000_000_000)))
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
        }
        do {
            return try await promise.futureResult.get()
        } catch let failure as HTTPSFailure {
            throw failure
        } catch {
            throw .connectionClosed(address: address)
        }
    }

    /// The station's certificate as DER, once the handshake is done (after the first answer).
    public func peerCertificateDER() async -> [UInt8]? {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else { return nil }
        return try? certificate.toDERBytes()
    }

    public var isOpen: Bool { channel.isActive }

    public func close() async {
        try? await channel.close()
    }
}

/// Whether a connect failed because nothing listens there (ECONNREFUSED), directly or in NIO's per-address list.
func isRefused(_ error: any Error) -> Bool {
    if let io = error as? IOError { return io.errnoCode == ECONNREFUSED }
    if let many = error as? NIOConnectionError { return many.connectionErrors.contains { isRefused($0.error) } }
    return false
}

/// Collects one response at a time and hands it to the waiting request; a closed connection fails it.
final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    let address: String
    /// Only touched on the channel's event loop.
    private var waiting: EventLoopPromise<HTTPSConnection.Response>?
    private var status = 0
    private var body: [UInt8] = []
    /// A station busy with another client's session resets every other connection at its TLS ClientHello
    /// (alfen-cli's notes from the station log): a reset before the handshake completes means exactly that.
    private var handshaken = false

    init(address: String) { self.address = address }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent { handshaken = true }
        context.fireUserInboundEventTriggered(event)
    }

    private var busy: HTTPSFailure {
        .anotherSession(detail: "the station reset the connection during the TLS handshake, as it does while another client holds its session")
    }

    private static func isReset(_ error: any Error) -> Bool {
        if let io = error as? IOError { return io.errnoCode == ECONNRESET || io.errnoCode == EPIPE }
        if let ssl = error as? NIOSSLError, case .uncleanShutdown = ssl { return true }
        return false
    }

    func expect(_ promise: EventLoopPromise<HTTPSConnection.Response>) {
        status = 0
        body = []
        waiting = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            let promise = waiting
            waiting = nil
            promise?.succeed(HTTPSConnection.Response(status: status, body: body))
        }
    }

    /// How the connection ended, kept for a request sent after it did (the first one it met is the cause).
    private(set) var ending: HTTPSFailure?

    private func end(_ failure: HTTPSFailure) {
        if ending == nil { ending = failure }
        let promise = waiting
        waiting = nil
        promise?.fail(failure)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(handshaken ? HTTPSFailure.connectionClosed(address: address) : busy)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !handshaken, Self.isReset(error) {
            end(busy)
        } else if let ssl = error as? NIOSSLError {
            end(HTTPSFailure.tls(address: address, detail: "\(ssl)"))
        } else {
            end(HTTPSFailure.connectionClosed(address: address))
        }
        context.close(promise: nil)
    }
}
