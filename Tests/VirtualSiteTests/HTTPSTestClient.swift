import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A test client for a virtual station's HTTPS API: one keep-alive TLS connection (the session lives on it),
/// one request at a time, each bounded in time. Accepts any certificate, as clients of real stations do.
final class HTTPSTestClient {
    struct Timeout: Error {}

    private let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
    private var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    private let host: String

    /// Runs `body` on a new connection, closed afterwards.
    static func withConnection<T>(host: String, port: Int, _ body: (HTTPSTestClient) async throws -> T) async throws -> T {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(3))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let client = HTTPSTestClient(channel: channel, inbound: inbound.makeAsyncIterator(), outbound: outbound, host: host)
            return try await body(client)
        }
    }

    private init(channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>,
                 inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator,
                 outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>, host: String) {
        self.channel = channel
        self.inbound = inbound
        self.outbound = outbound
        self.host = host
    }

    func request(_ method: HTTPMethod, _ uri: String, _ body: String? = nil) async throws -> (status: Int, body: String) {
        var headers = HTTPHeaders([("Host", host), ("Connection", "keep-alive")])
        if let body { headers.add(name: "Content-Length", value: String(body.utf8.count)) }
        try await outbound.write(.head(HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)))
        if let body { try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body)))) }
        try await outbound.write(.end(nil))
        var status = 0
        var text = ""
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            guard let part = try await inbound.next() else { throw ChannelError.eof }
            switch part {
            case .head(let head): status = Int(head.status.code)
            case .body(let buffer): text += String(buffer: buffer)
            case .end: return (status, text)
            }
        }
        throw Timeout()
    }

    func login(_ password: String) async throws -> Int {
        try await request(.POST, "/api/login", #"{"username":"admin","password":"\#(password)","displayname":"test"}"#).status
    }
}
