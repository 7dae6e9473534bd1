import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
@testable import ChargeHTTPS

/// A scripted station API on 127.0.0.1 over TLS, for the link's loopback tests: one session bound to its
/// connection, paged categories, id-only properties, unlicensed writes accepted and not kept, and faults on request.
final class FakeStation: @unchecked Sendable {
    struct Prop { var value: Any; var type: Int; var access: Int = 0; var category: String? }

    let lock = NSLock()
    var props: [String: Prop] = [:]
    /// Accepted with 200 and not kept (an unlicensed feature).
    var forgets: Set<String> = []
    var password = "secret"
    var identity = "ACE0001"
    var pageSize = 3
    /// Faults, each once.
    var dropOnWrite = false
    var unauthorizedOnce = false
    var lockout: Int?
    var otherSession = false
    /// A log of what happened: "login ok", "login bad", "logout", "write 2062_0", "reboot".
    var log: [String] = []
    var sessionChannel: ObjectIdentifier?
    var down = false

    var channel: (any Channel)?
    let group: any EventLoopGroup

    init(group: any EventLoopGroup) { self.group = group }

    func with<T>(_ body: (FakeStation) -> T) -> T { lock.lock(); defer { lock.unlock() }; return body(self) }

    var port: Int { channel?.localAddress?.port ?? 0 }

    static func certificate() throws -> (cert: String, key: String) {
        let dir = NSTemporaryDirectory() + "cc-https-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/k.pem", "-out", dir + "/c.pem",
                             "-days", "2", "-subj", "/CN=station"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (dir + "/c.pem", dir + "/k.pem")
    }

    func start(certificate: (cert: String, key: String), port: Int = 0) async throws {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate.cert)
        let key = try NIOSSLPrivateKey(file: certificate.key, format: .pem)
        let context = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                                 privateKey: .privateKey(key)))
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FakeStationHandler(station: self))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
    }

    func stop() async { try? await channel?.close() }

    /// One request in, one answer out (status, JSON body); nil closes the connection without an answer.
    func answer(_ method: HTTPMethod, _ uri: String, _ body: [UInt8], connection: ObjectIdentifier) -> (Int, Any)? {
        lock.lock(); defer { lock.unlock() }
        if down { return nil }
        let path = String(uri.split(separator: "?").first ?? "")
        var query: [String: String] = [:]
        let queryText = uri.split(separator: "?").dropFirst().first.map(String.init) ?? ""
        for part in queryText.split(separator: "&") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            query[pair[0]] = pair.count > 1 ? pair[1].removingPercentEncoding ?? "" : ""
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        if path == "/api/info" { return (200, ["Identity": identity, "FWVersion": "6.4.0-4210", "Model": "NG910-60023", "ObjectId": "123", "Type": "1.0.1"]) }
        if path == "/api/login" {
            if let seconds = lockout { log.append("login locked"); return (429, ["lockout_remaining_seconds": seconds]) }
            if otherSession { log.append("login busy"); return (409, ["error": "another session is active"]) }
            guard json["password"] as? String == password else { log.append("login bad"); return (401, ["error": "wrong credentials"]) }
            log.append("login ok")
            sessionChannel = connection
            return (200, [:])
        }
        guard sessionChannel == connection else { return (401, ["error": "not logged in"]) }
        if unauthorizedOnce { unauthorizedOnce = false; sessionChannel = nil; return (401, ["error": "session expired"]) }
        switch (method, path) {
        case (.POST, "/api/logout"):
            log.append("logout"); sessionChannel = nil; return (200, [:])
        case (.GET, "/api/prop") where query["ids"] != nil:
            let ids = query["ids"]!.split(separator: ",").map(String.init)
            return (200, ["version": 2, "properties": ids.compactMap { id in props[id].map { describe(id, $0) } }])
        case (.GET, "/api/prop"):
            let category = query["cat"] ?? ""
            let offset = Int(query["offset"] ?? "0") ?? 0
            let all = props.filter { $0.value.category == category }.sorted { $0.key < $1.key }
            let page = all.dropFirst(offset).prefix(pageSize).map { describe($0.key, $0.value) }
            return (200, ["version": 2, "properties": Array(page), "offset": offset, "total": all.count])
        case (.POST, "/api/prop"):
            if dropOnWrite { dropOnWrite = false; log.append("dropped"); return nil }
            for (id, item) in json {
                guard let value = (item as? [String: Any])?["value"] else { continue }
                log.append("write \(id)")
                if !forgets.contains(id), var prop = props[id] { prop.value = value; props[id] = prop }
            }
            return (200, [:])
        case (.POST, "/api/cmd"):
            log.append("reboot")
            down = true
            sessionChannel = nil
            let station = self
            group.next().scheduleTask(in: .milliseconds(600)) { station.with { $0.down = false } }
            return (200, [:])
        default:
            return (404, [:])
        }
    }

    func describe(_ id: String, _ prop: Prop) -> [String: Any] {
        ["id": id, "access": prop.access, "type": prop.type, "len": 0, "cat": prop.category ?? "", "value": prop.value]
    }

    func value(_ id: String) -> String? { with { $0.props[id].flatMap { StationAPI.text($0.value) } } }
}

final class FakeStationHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let station: FakeStation
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(station: FakeStation) { self.station = station }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head; body = []
        case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            guard let answer = station.answer(head.method, head.uri, body, connection: ObjectIdentifier(context.channel)) else {
                context.close(promise: nil)
                return
            }
            let (status, object) = answer
            let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
            var response = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
            response.headers.add(name: "Content-Type", value: "application/json")
            response.headers.add(name: "Content-Length", value: String(data.count))
            context.write(wrapOutboundOut(.head(response)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: Array(data))))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
