import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The command side of the control socket: sends requests, matches answers by id. Every request is bounded by a
/// timer of its own on the socket's event loop; when the socket closes, every waiting request fails.
///
/// Requests are written straight to the channel and answers read by a channel handler: the first version's
/// `NIOAsyncChannel`, `AsyncStream` and a timeout task group per request cost the OCPP benchmark's client more CPU
/// than serve's own work.
final class ControlClient: Sendable {
    private struct Waiter {
        var continuation: CheckedContinuation<ControlResponse?, Never>
        var timer: Scheduled<Void>?
    }

    private struct State {
        var nextID = 0
        var waiting: [Int: Waiter] = [:]
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
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let accepted = state.withLockedValue { state -> Bool in
                    guard !state.closed, !Task.isCancelled else { return false }
                    state.waiting[id] = Waiter(continuation: continuation)
                    return true
                }
                guard accepted else { return continuation.resume(returning: nil) }
                // One hop to the event loop arms the timer and writes the line.
                let loop = channel.eventLoop
                loop.execute { [self] in
                    let timer = loop.scheduleTask(in: TimeAmount(timeout)) { [self] in finish(id, with: nil) }
                    let armed = state.withLockedValue { state -> Bool in
                        guard state.waiting[id] != nil else { return false }
                        state.waiting[id]?.timer = timer
                        return true
                    }
                    guard armed else { return timer.cancel() }
                    writer.writeOnLoop(line)
                }
            }
        } onCancel: {
            finish(id, with: nil)
        }
    }

    /// Resumes the request `id` once: with its answer, or nil on timeout, cancellation or close.
    private func finish(_ id: Int, with response: ControlResponse?) {
        guard let waiter = state.withLockedValue({ $0.waiting.removeValue(forKey: id) }) else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: response)
    }

    fileprivate func deliver(_ response: ControlResponse) {
        finish(response.id, with: response)
    }

    fileprivate func closed() {
        let waiting = state.withLockedValue { state in
            state.closed = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for waiter in waiting {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: nil)
        }
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
