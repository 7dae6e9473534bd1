import NIOCore
import NIOEmbedded
import Testing
@testable import ChargeIO

/// `CoalescingWriter`: lines written in one event-loop tick go out in order with one flush between them.
@Suite struct CoalescingWriterTests {
    final class FlushCounter: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = ByteBuffer
        var flushes = 0

        func flush(context: ChannelHandlerContext) {
            flushes += 1
            context.flush()
        }
    }

    func lines(_ channel: EmbeddedChannel) throws -> [String] {
        var lines: [String] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { lines.append(String(buffer: buffer)) }
        return lines
    }

    @Test func oneTicksLinesShareOneFlush() throws {
        let counter = FlushCounter()
        let channel = EmbeddedChannel(handler: counter)
        let writer = CoalescingWriter(channel: channel)
        for line in ["a", "b", "c"] { writer.write(ByteBuffer(string: line)) }
        // Written, not yet flushed: nothing has left the channel.
        #expect(try lines(channel).isEmpty)
        channel.embeddedEventLoop.run()
        #expect(try lines(channel) == ["a", "b", "c"])
        #expect(counter.flushes == 1)

        writer.write(ByteBuffer(string: "d"))
        channel.embeddedEventLoop.run()
        #expect(try lines(channel) == ["d"])
        #expect(counter.flushes == 2)
        _ = try channel.finish()
    }
}
