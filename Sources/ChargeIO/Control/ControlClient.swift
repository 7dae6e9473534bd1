import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The command side of the control socket: sends requests, matches answers by id. Every request is bounded by a
/// deadline of its own; when the socket closes, every waiting request fails.
final class ControlClient: Sendable {
    private struct State {
        var nextID = 0
        var waiting: [Int: CheckedContinuation<ControlResponse?, Never>] = [:]
        var closed = false
    }

    private let state = NIOLockedValueBox(State())
    private let outbound: AsyncStream<ControlRequest>.Continuation
    private let loop: Task<Void, Never>

    private init(outbound: AsyncStream<ControlRequest>.Continuation, loop: Task<Void, Never>) {
        self.outbound = outbound
        self.loop = loop
    }

    static func connect(path: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> ControlClient {
        let channel = try await ClientBootstrap(group: group).connect(unixDomainSocketPath: path) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLength: 64 << 20)))
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        let (requests, outbound) = AsyncStream.makeStream(of: ControlRequest.self)
        let box = NIOLockedValueBox<ControlClient?>(nil)
        let loop = Task {
            try? await channel.executeThenClose { inbound, writer in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            for await request in requests {
                                guard let line = ControlCoding.line(request) else { continue }
                                try await writer.write(line)
                            }
                        } catch {}
                    }
                    group.addTask {
                        do {
                            for try await line in inbound {
                                guard let response = ControlCoding.decode(ControlResponse.self, line: line) else { continue }
                                box.withLockedValue { $0 }?.deliver(response)
                            }
                        } catch {}
                    }
                    // Either side ending ends the connection.
                    await group.next()
                    group.cancelAll()
                }
            }
            box.withLockedValue { $0 }?.closed()
        }
        let client = ControlClient(outbound: outbound, loop: loop)
        box.withLockedValue { $0 = client }
        return client
    }

    /// Sends `request` (its id is assigned here); nil when no answer came within `timeout` or the socket closed.
    func send(_ request: ControlRequest, timeout: Duration) async -> ControlResponse? {
        var request = request
        let id = state.withLockedValue { state in
            state.nextID += 1
            return state.nextID
        }
        request.id = id
        let numbered = request
        let response = await Deadline.race(timeout) { [state, outbound] in
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let refused = state.withLockedValue { state -> Bool in
                        if state.closed || Task.isCancelled { return true }
                        state.waiting[id] = continuation
                        return false
                    }
                    if refused { continuation.resume(returning: nil) } else { outbound.yield(numbered) }
                }
            } onCancel: {
                state.withLockedValue { $0.waiting.removeValue(forKey: id) }?.resume(returning: nil)
            }
        }
        return response
    }

    private func deliver(_ response: ControlResponse) {
        state.withLockedValue { $0.waiting.removeValue(forKey: response.id) }?.resume(returning: response)
    }

    private func closed() {
        let waiting = state.withLockedValue { state in
            state.closed = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        waiting.forEach { $0.resume(returning: nil) }
    }

    func close() async {
        outbound.finish()
        let loop = self.loop
        if await Deadline.race(.seconds(2), { await loop.value; return true }) == nil { loop.cancel() }
        await loop.value
    }

    var isClosed: Bool { state.withLockedValue { $0.closed } }
}
