import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The command side of the control socket: sends requests, matches answers by id. Every request is bounded by a
/// timer of its own on the socket's event loop (`TimedWaiter`); when the socket closes, every waiting request fails.
///
/// Requests are written straight to the channel and answers read by a channel handler: an `NIOAsyncChannel`,
/// `AsyncStream` and a timeout task group per request would cost the OCPP benchmark's client more CPU than serve's
/// own work.
final class ControlClient: Sendable {
    private struct State {
        var nextID = 0
        var waiting: [Int: TimedWaiter<ControlResponse>] = [:]
        var closed = false
    }

    private let state = NIOLockedValueBox(State())
    private let writer: CoalescingWriter
    private var channel: any Channel { writer.channel }

    private init(channel: any Channel) {
        self.writer = CoalescingWriter(channel: channel)
    }

    static func connect(path: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> ControlClient {
        let client = NIOLockedValueBox<ControlClient?>(nil)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLength: 64 << 20)))
                    try channel.pipeline.syncOperations.addHandler(ControlClientHandler(client: client))
                }
            }
            .connect(unixDomainSocketPath: path).get()
        let connected = ControlClient(channel: channel)
        client.withLockedValue { $0 = connected }
        // Closed before the client existed: nothing can be waiting yet, but later sends must fail at once.
        if !channel.isActive { connected.closed() }
        return connected
    }

    /// Sends `request` (its id is assigned here); nil when no answer came within `timeout` or the socket closed.
    func send(_ request: ControlRequest, timeout: Duration) async -> ControlResponse? {
        var request = request
        request.id = state.withLockedValue { state in
            state.nextID += 1
            return state.nextID
        }
        let id = request.id
        guard let line = ControlCoding.line(request, allocator: channel.allocator) else { return nil }
        return await TimedWaiter.wait(timeout: timeout, on: channel.eventLoop, enqueue: { waiter in
            let accepted = state.withLockedValue { state -> Bool in
                guard !state.closed else { return false }
                state.waiting[id] = waiter
                return true
            }
            guard accepted else { return .some(nil) }
            writer.write(line)
            return nil
        }, dequeue: { [state] _ in
            _ = state.withLockedValue { $0.waiting.removeValue(forKey: id) }
        })
    }

    fileprivate func deliver(_ response: ControlResponse) {
        state.withLockedValue { $0.waiting.removeValue(forKey: response.id) }?.resume(response)
    }

    fileprivate func closed() {
        let waiting = state.withLockedValue { state in
            state.closed = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        waiting.forEach { $0.resume(nil) }
    }

    func close() async {
        try? await channel.close()
        closed()
    }

    var isClosed: Bool { state.withLockedValue { $0.closed } }
}

/// Reads answer lines into the client; the socket closing fails whatever still waits.
private final class ControlClientHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let client: NIOLockedValueBox<ControlClient?>

    init(client: NIOLockedValueBox<ControlClient?>) {
        self.client = client
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let response = ControlCoding.decode(ControlResponse.self, line: Self.unwrapInboundIn(data)) else { return }
        client.withLockedValue { $0 }?.deliver(response)
    }

    func channelInactive(context: ChannelHandlerContext) {
        client.withLockedValue { $0 }?.closed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
