import Foundation
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing
@testable import ChargeIO

/// `serve` out of file descriptors (issue 14): its listeners pause instead of spinning on accept, and a command
/// that finds the control socket silent says so instead of opening a listener of its own. The interop test
/// `test_serve_out_of_file_descriptors_backs_off_and_the_commands_say_so` runs the real thing under a low
/// descriptor limit.
@Suite(.timeLimit(.minutes(1))) struct ListenerBackoffTests {
    /// What the handler did to the listener's accepting, in order.
    final class Switches: @unchecked Sendable {
        var log: [Bool] = []
    }

    @Test func anAcceptErrorPausesAcceptingOnceAndLeavesOneLogLine() throws {
        let log = LogRecorder()
        let switches = Switches()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(AcceptBackoff(logger: log.logger, listener: "the test listener") { _, on in
            switches.log.append(on)
        })

        channel.pipeline.fireErrorCaught(IOError(errnoCode: EMFILE, reason: "accept"))
        channel.pipeline.fireErrorCaught(IOError(errnoCode: EMFILE, reason: "accept"))
        #expect(switches.log == [false], "accepting paused once, not retried on every error")
        channel.embeddedEventLoop.advanceTime(by: ListenerBackoff.pause)
        #expect(switches.log == [false, true], "resumed after the pause")
        channel.pipeline.fireErrorCaught(IOError(errnoCode: EMFILE, reason: "accept"))
        #expect(switches.log == [false, true, false], "still out of descriptors: paused again")
        #expect(log.matching("the test listener cannot accept connections").count == 1, "\(log.all)")

        channel.embeddedEventLoop.advanceTime(by: ListenerBackoff.pause)
        channel.pipeline.fireChannelRead(NIOAny(channel as any Channel))
        #expect(log.matching("the test listener accepts connections again").count == 1, "\(log.all)")
        _ = try? channel.throwIfErrorCaught()
        _ = try? channel.finish()
    }

    @Test func anErrorThatRetryingCouldFixDoesNotPause() throws {
        #expect(ListenerBackoff.pause(after: IOError(errnoCode: ECONNABORTED, reason: "accept")) == nil)
        #expect(ListenerBackoff.pause(after: IOError(errnoCode: ENFILE, reason: "accept")) == ListenerBackoff.pause)
    }

    @Test func aControlSocketThatNeverAnswersIsSilentNotAbsent() async throws {
        let path = ControlSocketTests.socketPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        // A listener that never accepts: what serve's control socket is when serve has no descriptor left.
        let stuck = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.autoRead, value: false)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        let contact = await RemoteStationDirectory.contact(path: path, timeout: .milliseconds(200))
        try await stuck.close()
        guard case .silent = contact else { throw TestFailure("expected .silent, got \(contact)") }
        guard case .absent = await RemoteStationDirectory.contact(path: path, timeout: .milliseconds(200)) else {
            throw TestFailure("a socket nothing listens on is no serve")
        }
    }
}
