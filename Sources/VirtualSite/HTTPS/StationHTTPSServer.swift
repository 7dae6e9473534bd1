import ChargeIO
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One simulated station's local HTTPS API on its own loopback address (SPEC §3, reference/alfen-station.md §4).
/// The decisions are `StationAPISession`'s and `StationProperties`'; this class binds the listener, turns
/// connections away while a session is active, answers, and goes away for a reboot.
final class StationHTTPSServer: Sendable {
    let station: VirtualStation
    private let security: Mutex<any ChannelSecurity>
    /// The test hook: faults to inject, and what the station saw.
    let faults = HTTPSFaults()
    private let table: [PropertyDefinition]
    private let session: Mutex<StationAPISession>
    private let live: @Sendable () -> StationLiveReadings
    private let now: @Sendable () -> Double
    private let group: any EventLoopGroup
    private let nextConnection = Atomic<UInt64>(1)
    private let state = Mutex(ListenState())
    /// Set once the station's charge point exists: performs a reboot (`VirtualStation.restart`).
    let onReboot = Mutex<(@Sendable (String) -> Void)?>(nil)

    private struct ListenState {
        var address: StationHTTPSAddress?
        var listener: (any Channel)?
        var connections: [UInt64: any Channel] = [:]
        var stopped = false
        var generation = 0
    }

    init(station: VirtualStation, security: any ChannelSecurity, backOfficeURL: String, password: String,
         lockout: Duration, live: @escaping @Sendable () -> StationLiveReadings, now: @escaping @Sendable () -> Double,
         group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.station = station
        self.security = Mutex(security)
        self.table = StationPropertyTable.definitions(for: station.identity, backOfficeURL: backOfficeURL)
        self.session = Mutex(StationAPISession(password: password, lockout: lockout))
        self.live = live
        self.now = now
        self.group = group
    }

    /// The address it listens on, once started.
    var address: StationHTTPSAddress? { state.withLock { $0.address } }

    /// Whether it listens now (not away for a reboot).
    var isListening: Bool { state.withLock { $0.listener != nil } }

    /// Binds the first of `wanted`'s candidates that works.
    func start(_ wanted: StationHTTPSAddress) async throws {
        var lastError: (any Error)?
        for candidate in wanted.candidates {
            do {
                let channel = try await bind(candidate)
                let port = channel.localAddress?.port ?? candidate.port
                state.withLock {
                    $0.listener = channel
                    $0.address = StationHTTPSAddress(host: candidate.host, port: port)
                }
                return
            } catch {
                lastError = error
            }
        }
        throw lastError ?? ChannelError.ioOnClosedChannel
    }

    private func bind(_ address: StationHTTPSAddress) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel) }
            }
            .bind(host: address.host, port: address.port).get()
    }

    private func configure(_ channel: any Channel) throws {
        let id = nextConnection.wrappingAdd(1, ordering: .relaxed).oldValue
        let accepted = state.withLock { state -> Bool in
            guard !state.stopped, state.listener != nil else { return false }
            state.connections[id] = channel
            return true
        }
        guard accepted else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [self] _ in
            state.withLock { _ = $0.connections.removeValue(forKey: id) }
            session.withLock { $0.closed(connection: id) }
        }
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(BusyGate(server: self, connection: id))
        try security.withLock { $0 }.secure(channel)
        try operations.configureHTTPServerPipeline(withErrorHandling: true)
        try operations.addHandler(IdleStateHandler(allTimeout: .seconds(120)))
        try operations.addHandler(StationHTTPHandler(server: self, connection: id))
    }

    func refuses(_ connection: UInt64) -> Bool { session.withLock { $0.refuses(connection: connection) } }

    /// What becomes of one request: answered (and maybe an action after the answer), or the connection reset
    /// (another session is active) or closed unanswered (an injected fault).
    enum Handling {
        case answer(StationAPIResponse, StationAPISession.Action?)
        case refuse
        /// Closed unanswered, then the action (an injected fault).
        case drop(StationAPISession.Action?)
    }

    /// Answers one request in the station's state; the live readings are taken before any lock.
    func handle(_ request: StationAPIRequest, connection: UInt64) -> Handling {
        let readings = live()
        let t = now()
        let (response, action, refused, changed): (StationAPIResponse, StationAPISession.Action?, Bool, Bool) = session.withLock { session in
            if session.refuses(connection: connection) { return (StationAPIResponse(status: 503), nil, true, false) }
            if faults.before(request, inSession: session.owner == connection) == .lapse {
                session.endSession()
                return (.error(401, "session expired"), nil, false, false)
            }
            return station.state.withLock { state in
                var view = StationProperties(table: table, store: state.store, properties: state.properties, live: readings)
                let (response, action) = session.respond(to: request, connection: connection, now: t, station: &view)
                let changed = view.store.effective != state.store.effective
                state.store = view.store
                state.properties = view.properties
                return (response, action, false, changed)
            }
        }
        if refused { return .refuse }
        // A property that takes effect at once changes the allocation now, as over OCPP.
        if changed { station.settingsChanged() }
        switch faults.after(request, status: response.status) {
        case .answer: return .answer(response, action)
        case .drop: return .drop(nil)
        case .reboot: return .drop(.reboot(reason: "rebooted on its own (injected fault)"))
        }
    }

    func perform(_ action: StationAPISession.Action) {
        switch action {
        case .reboot(let reason):
            onReboot.withLock { $0 }?(reason)
        }
    }

    /// A reboot: every connection drops, the listener closes (connections are refused), and after `duration` it
    /// listens again on the same address.
    func goOffline(for duration: Duration) {
        let (listener, connections, generation) = state.withLock { state in
            state.generation += 1
            defer { state.listener = nil; state.connections = [:] }
            return (state.listener, Array(state.connections.values), state.generation)
        }
        session.withLock { $0.endSession() }
        if let replaced = faults.takeNewSecurity() { security.withLock { $0 = replaced } }
        listener?.close(promise: nil)
        for connection in connections { connection.close(promise: nil) }
        Task { [self] in
            try? await Task.sleep(for: duration)
            guard let address = state.withLock({ $0.stopped || $0.generation != generation ? nil : $0.address }) else { return }
            for _ in 0..<20 {
                if let channel = try? await bind(address) {
                    let keep = state.withLock { state -> Bool in
                        guard !state.stopped, state.generation == generation else { return false }
                        state.listener = channel
                        return true
                    }
                    if !keep { channel.close(promise: nil) }
                    return
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func stop() async {
        let (listener, connections) = state.withLock { state in
            state.stopped = true
            defer { state.listener = nil; state.connections = [:] }
            return (state.listener, Array(state.connections.values))
        }
        // Not awaited one by one: TLS waits up to its shutdown timeout for each idle client's close_notify.
        for connection in connections { connection.close(promise: nil) }
        try? await listener?.close()
    }
}

/// While a session is active the station serves no one else: another connection is reset when its first bytes
/// (the TLS ClientHello) arrive, as real stations do (see `StationAPISession.refuses`).
final class BusyGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    let server: StationHTTPSServer
    let connection: UInt64

    init(server: StationHTTPSServer, connection: UInt64) {
        self.server = server
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if server.refuses(connection) {
            Self.reset(context)
            return
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// Closes with SO_LINGER 0: the peer sees a TCP reset.
    static func reset(_ context: ChannelHandlerContext) {
        let channel = context.channel
        guard let socket = channel as? any SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }
}
