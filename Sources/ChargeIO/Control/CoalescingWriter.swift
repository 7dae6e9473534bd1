import NIOCore

/// Writes a channel's lines from any thread and flushes once per event-loop tick, not once per line: with a
/// thousand answers in a tick (the OCPP benchmark), a flush each would be a thousand write syscalls on serve's side
/// and as many reads on the client's.
final class CoalescingWriter: Sendable {
    let channel: any Channel
    private let flushPending: NIOLoopBoundBox<Bool>

    init(channel: any Channel) {
        self.channel = channel
        flushPending = .makeBoxSendingValue(false, eventLoop: channel.eventLoop)
    }

    func write(_ line: ByteBuffer) {
        if channel.eventLoop.inEventLoop {
            writeOnLoop(line)
        } else {
            channel.eventLoop.execute { self.writeOnLoop(line) }
        }
    }

    /// On the channel's event loop only. The flush runs after the tick's other events, which may write more.
    func writeOnLoop(_ line: ByteBuffer) {
        channel.write(line, promise: nil)
        guard !flushPending.value else { return }
        flushPending.value = true
        channel.eventLoop.execute {
            self.flushPending.value = false
            self.channel.flush()
        }
    }
}
