import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOWebSocket
import OCPP16

/// The OCPP 1.6J central system (SPEC §5): a WebSocket server stations dial into, answering their own messages
/// through `OCPPSession` and handing each connected station to the commands as a `StationConnection`.
///
/// `start` binds exactly the configured address; `shutdown` closes every connection and the listener. Between the
/// two, one task owns the accept loop; each connection runs in its channel handler (`OCPPConnectionHandler`) and
/// leaves the registry when its socket closes.
public final class CentralSystem: StationDirectory {
    public let configuration: CentralSystemConfiguration
    public let listeningAddress: String
    private let registry: StationRegistry
    private let sockets: OpenSockets
    private let listener: any Channel
    /// Where the waits for stations keep their timers.
    private let timers: any EventLoop
    private let server: Task<Void, Never>

    private init(configuration: CentralSystemConfiguration, listeningAddress: String, registry: StationRegistry,
                 sockets: OpenSockets, listener: any Channel, server: Task<Void, Never>) {
        self.configuration = configuration
        self.listeningAddress = listeningAddress
        self.registry = registry
        self.sockets = sockets
        self.timers = listener.eventLoop
        self.listener = listener
        self.server = server
    }

    public static func start(
        _ configuration: CentralSystemConfiguration,
        logger: Logger = Logger(label: "chargectl.ocpp", factory: { _ in SwiftLogNoOpLogHandler() }),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(CentralSystemError) -> CentralSystem {
        let policy = configuration.policy
        let bound: NIOAsyncChannel<EventLoopFuture<HandshakeOutcome>, Never>
        do {
            bound = try await ServerBootstrap(group: group)
                .serverChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try ListenerBackoff.install(on: channel, logger: logger, listener: "the OCPP listener")
                    }
                }
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                // Stations come back together after a power cut: NIO's default backlog of 128 overflowed at a
                // few hundred connects at once, and each dropped connect cost its station a 1 s SYN retry.
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelOption(.maxMessagesPerRead, value: 16)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    WebSocketServerSetup.configure(channel, policy: policy, configuration: configuration, logger: logger)
                }
        } catch {
            throw CentralSystemError.cannotListen(address: "\(configuration.host):\(configuration.port)",
                                                  reason: BindFailure.reason(error, host: configuration.host, port: configuration.port))
        }
        let port = bound.channel.localAddress?.port ?? configuration.port
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let registry = StationRegistry(), sockets = OpenSockets()
        let listener = bound.channel
        let server = Task {
            await serve(bound, registry: registry, sockets: sockets, configuration: configuration, logger: logger)
        }
        return CentralSystem(configuration: configuration, listeningAddress: "\(host):\(port)", registry: registry,
                             sockets: sockets, listener: listener, server: server)
    }

    public func waitForStation(
        _ identity: String, timeout: Duration, replacing previous: (any StationConnection)?
    ) async throws(StationError) -> any StationConnection {
        if let connection = await registry.connection(identity, other: previous, timeout: timeout, loop: timers) {
            return connection
        }
        if registry.isStopped { throw StationError(station: identity, reason: .stopped) }
        throw StationError(station: identity, reason: .notConnected(
            waited: timeout, lastRefusal: registry.lastRefusal(of: identity)?.description))
    }

    public func shutdown() async {
        for connection in registry.stop() { await connection.close() }
        try? await listener.close()
        // The accept loop ends with its listener; bounded all the same.
        let server = self.server
        if await Deadline.race(.seconds(2), { await server.value; return true }) == nil { server.cancel() }
        await server.value
        // The connections' Close frames get a moment to go out; then every socket still open is closed.
        let closing = sockets.all.map(\.closeFuture)
        if !closing.isEmpty {
            let closed = EventLoopFuture.andAllComplete(closing, on: closing[0].eventLoop)
            if await Deadline.race(.seconds(2), { try? await closed.get(); return true }) == nil {
                for socket in sockets.all { socket.close(promise: nil) }
            }
            try? await closed.get()
        }
    }

    /// Accepts handshakes until the listener closes. Nothing waits per connection: its handler runs it, and its
    /// close future unregisters it (a task per connection cost a thousand stations ~2 MiB of task stacks).
    private static func serve(
        _ listener: NIOAsyncChannel<EventLoopFuture<HandshakeOutcome>, Never>, registry: StationRegistry,
        sockets: OpenSockets, configuration: CentralSystemConfiguration, logger: Logger
    ) async {
        try? await listener.executeThenClose { handshakes in
            do {
                for try await handshake in handshakes {
                    handshake.whenComplete { outcome in
                        accept(outcome, registry: registry, sockets: sockets, configuration: configuration, logger: logger)
                    }
                }
            } catch {
                logger.debug("listener ended: \(error)")
            }
        }
    }

    private static func accept(
        _ handshake: Result<HandshakeOutcome, any Error>, registry: StationRegistry, sockets: OpenSockets,
        configuration: CentralSystemConfiguration, logger: Logger
    ) {
        let outcome: HandshakeOutcome
        switch handshake {
        case .success(let value): outcome = value
        case .failure(let error):
            logger.debug("upgrade failed: \(error)")
            return
        }
        guard case .accepted(let connection, let channel) = outcome else {
            if case .refused(let refusal) = outcome {
                logger.notice("refused a connection: \(refusal)")
                registry.noteRefusal(refusal)
                configuration.events?(.refused(reason: refusal.description))
            }
            return
        }
        let identity = connection.identity
        sockets.insert(channel)
        switch registry.register(connection) {
        case .registered(let old):
            logger.debug("WebSocket open\(old == nil ? "" : ", replacing the previous connection")", metadata: ["station": "\(identity)"])
            configuration.events?(.connected(identity: identity, replacedEarlier: old != nil))
            old?.finishOutbound(with: .close(.normalClosure))
        case .stopped:
            connection.finishOutbound(with: .close(.normalClosure))
        }
        channel.closeFuture.whenComplete { _ in
            sockets.remove(channel)
            registry.unregister(connection)
            logger.debug("WebSocket closed", metadata: ["station": "\(identity)"])
            configuration.events?(.disconnected(identity: identity))
        }
    }
}

/// The accepted stations' sockets still open, so `shutdown` can close the ones whose peers ignore a Close.
final class OpenSockets: Sendable {
    private let channels = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])

    func insert(_ channel: any Channel) { channels.withLockedValue { $0[ObjectIdentifier(channel)] = channel } }
    func remove(_ channel: any Channel) { channels.withLockedValue { $0[ObjectIdentifier(channel)] = nil } }
    var all: [any Channel] { channels.withLockedValue { Array($0.values) } }
}

/// The central system could not start.
public enum CentralSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotListen(address: String, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason): "cannot listen on \(address): \(reason)"
        }
    }
}
