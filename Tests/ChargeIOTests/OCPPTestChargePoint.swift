import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import OCPP16
@testable import ChargeIO

/// A tiny scripted charge point over a real loopback WebSocket: `OCPPSession` with a `SimulatedStation` responder
/// answers the central system's CALLs; tests can also write raw text and read what comes back.
enum OCPPTestClient {
    typealias Socket = NIOAsyncChannel<WebSocketFrame, WebSocketFrame>

    enum Upgrade: Sendable {
        case upgraded(Socket)
        case refused
    }

    /// Opens `ws://127.0.0.1:port/path` offering `subprotocol`.
    static func connect(port: Int, path: String, authorization: String? = nil,
                        subprotocol: String? = "ocpp1.6", tls: NIOSSLContext? = nil) async throws -> Socket {
        let upgrade: EventLoopFuture<Upgrade> = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: "localhost"))
                    }
                    let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(maxFrameSize: 1 << 20) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            .upgraded(try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel))
                        }
                    }
                    var headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("Content-Length", "0")])
                    if let subprotocol { headers.add(name: "Sec-WebSocket-Protocol", value: subprotocol) }
                    if let authorization { headers.add(name: "Authorization", value: authorization) }
                    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: .forwardingEarlyFrames(.init(
                            upgradeRequestHead: head, upgraders: [upgrader],
                            notUpgradingCompletionHandler: { $0.eventLoop.makeSucceededFuture(.refused) })))
                }
            }
        guard case .upgraded(let socket) = try await upgrade.get() else { throw TestFailure("upgrade refused") }
        return socket
    }

    /// Sends a raw HTTP upgrade request and returns the response status code (401, 404, 101 …).
    static func handshakeStatus(port: Int, path: String, authorization: String? = nil,
                                subprotocol: String? = "ocpp1.6") async throws -> Int {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let subprotocol { request += "Sec-WebSocket-Protocol: \(subprotocol)\r\n" }
        if let authorization { request += "Authorization: \(authorization)\r\n" }
        request += "\r\n"
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var text = ""
            for try await chunk in inbound {
                text += String(buffer: chunk)
                if text.contains("\r\n") { break }
            }
            guard let code = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
                throw TestFailure("no status line in \(text)")
            }
            return code
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Records what the central system asked, so tests can check paging.
final class RequestLog: Sendable {
    private let requests = NIOLockedValueBox<[OCPPRequest]>([])
    func append(_ request: OCPPRequest) { requests.withLockedValue { $0.append(request) } }
    var all: [OCPPRequest] { requests.withLockedValue { $0 } }
    var getConfigurationKeys: [[String]?] {
        all.compactMap { if case .getConfiguration(let request) = $0 { return .some(request.key) } else { return nil } }
    }
}

/// A station's configuration and its answers to the central system's CALLs, as a `CallResponder`.
struct SimulatedStation: CallResponder {
    var keys: [GetConfiguration.KeyValue]
    /// When set, a GetConfiguration naming more keys is refused, as a strict station would.
    var maxKeys: Int?
    let log: RequestLog

    mutating func respond(to request: OCPPRequest, context: CallContext) -> CallResponse {
        log.append(request)
        switch request {
        case .getConfiguration(let asked):
            let names = asked.key ?? []
            if let maxKeys, names.count > maxKeys {
                return .callError(.occurenceConstraintViolation, description: "at most \(maxKeys) keys")
            }
            if names.isEmpty { return .confirmation(.getConfiguration(.init(configurationKey: keys, unknownKey: []))) }
            let known = keys.filter { key in names.contains { $0.lowercased() == key.key.lowercased() } }
            let unknown = names.filter { name in !keys.contains { $0.key.lowercased() == name.lowercased() } }
            return .confirmation(.getConfiguration(.init(configurationKey: known, unknownKey: unknown)))
        case .changeConfiguration(let change):
            guard let index = keys.firstIndex(where: { $0.key == change.key }) else {
                return .confirmation(.changeConfiguration(.init(status: .notSupported)))
            }
            keys[index].value = change.value
            return .confirmation(.changeConfiguration(.init(status: .accepted)))
        case .reset:
            return .confirmation(.reset(.init(status: .accepted)))
        default:
            return .callError(.notSupported, description: "not a charge point's action")
        }
    }
}
