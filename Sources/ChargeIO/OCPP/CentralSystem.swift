import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import OCPP16

/// The OCPP 1.6J central system (SPEC §5): a WebSocket server stations dial into, answering their own messages
/// through `OCPPSession` and handing each connected station to the commands as a `StationConnection`.
///
/// `start` binds exactly the configured address; `shutdown` closes every connection and the listener. Between the
/// two, one task owns the accept loop and a child task per connection, which registers the station and waits for
/// its socket to close; the connection itself runs in its channel handler (`OCPPConnectionHandler`).
public final class CentralSystem: StationDirectory {
    public let configuration: CentralSystemConfiguration
    public let listeningAddress: String
    private let registry: StationRegistry
    private let listener: any Channel
    private let server: Task<Void, Never>

    private init(configuration: CentralSystemConfiguration, listeningAddress: String, registry: StationRegistry,
                 listener: any Channel, server: Task<Void, Never>) {
        self.configuration = configuration
        self.listeningAddress = listeningAddress
        self.registry = registry
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
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    WebSocketServerSetup.configure(channel, policy: policy, configuration: configuration, logger: logger)
                }
        } catch {
            throw CentralSystemError.cannotListen(address: "\(configuration.host):\(configuration.port)", reason: "\(error)")
        }
        let port = bound.channel.localAddress?.port ?? configuration.port
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let registry = StationRegistry()
        let listener = bound.channel
        let server = Task {
            await serve(bound, registry: registry, configuration: configuration, logger: logger)
        }
        return CentralSystem(configuration: configuration, listeningAddress: "\(host):\(port)", registry: registry,
                             listener: listener, server: server)
    }

    public func waitForStation(
        _ identity: String, timeout: Duration, replacing previous: (any StationConnection)?
    ) async throws(StationError) -> any StationConnection {
        let registry = self.registry
        if let connection = await Deadline.race(timeout, { await registry.connection(identity, other: previous) }) {
            return connection
        }
        if registry.isStopped { throw StationError(station: identity, reason: .stopped) }
        throw StationError(station: identity, reason: .notConnected(
            waited: timeout, lastRefusal: registry.lastRefusal(of: identity)?.description))
    }

    public func shutdown() async {
        for connection in registry.stop() { await connection.close() }
        try? await listener.close()
        // The connections' Close frames get a moment to go out; then everything still running is cancelled.
        let server = self.server
        if await Deadline.race(.seconds(2), { await server.value; return true }) == nil { server.cancel() }
        await server.value
    }

    private static func serve(
        _ listener: NIOAsyncChannel<EventLoopFuture<HandshakeOutcome>, Never>, registry: StationRegistry,
        configuration: CentralSystemConfiguration, logger: Logger
    ) async {
        try? await listener.executeThenClose { handshakes in
            await withDiscardingTaskGroup { group in
                do {
                    for try await handshake in handshakes {
                        group.addTask { await accept(handshake, registry: registry, configuration: configuration, logger: logger) }
                    }
                } catch {
                    logger.debug("listener ended: \(error)")
                }
            }
        }
    }

    private static func accept(
        _ handshake: EventLoopFuture<HandshakeOutcome>, registry: StationRegistry,
        configuration: CentralSystemConfiguration, logger: Logger
    ) async {
        let outcome: HandshakeOutcome
        do { outcome = try await handshake.get() } catch {
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
        switch registry.register(connection) {
        case .registered(let old):
            logger.debug("WebSocket open\(old == nil ? "" : ", replacing the previous connection")", metadata: ["station": "\(identity)"])
            configuration.events?(.connected(identity: identity, replacedEarlier: old != nil))
            await old?.close()
        case .stopped:
            await connection.close()
        }
        // Cancelled (serve stopping and the Close not answered in time): the socket closes at once.
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
        registry.unregister(connection)
        logger.debug("WebSocket closed", metadata: ["station": "\(identity)"])
        configuration.events?(.disconnected(identity: identity))
    }
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
