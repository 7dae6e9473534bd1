import Foundation
import Logging
import NIOCore

/// A listening socket that cannot accept (out of file descriptors: EMFILE, ENFILE, ENOBUFS, ENOMEM) stays readable,
/// and NIO retries at once: it keeps the socket registered for reading after a failed accept, so its own
/// `AcceptBackoffHandler`, which only holds back `read()` calls, does not stop the loop (issue 14: `serve` burned
/// 4 CPU-s in 5 s). `AcceptBackoff` turns reading off for a pause instead, which unregisters the socket.
enum ListenerBackoff {
    /// How long accepting pauses after an error that more tries would only repeat.
    static let pause = TimeAmount.seconds(1)

    static func pause(after error: IOError) -> TimeAmount? {
        switch error.errnoCode {
        case EMFILE, ENFILE, ENOBUFS, ENOMEM: pause
        default: nil
        }
    }

    /// The server channel's handler; `listener` names it in the log ("the OCPP listener").
    static func install(on channel: any Channel, logger: Logger, listener: String) throws {
        try channel.pipeline.syncOperations.addHandler(AcceptBackoff(logger: logger, listener: listener))
    }
}

/// Pauses a server channel's accepting after an accept error that a retry would repeat, and says so once per
/// episode (not once per retry); the episode ends with the next accepted connection.
final class AcceptBackoff: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel

    /// Turns accepting on or off; NIO's `autoRead` by default (off unregisters the socket from the event loop).
    typealias Switch = (ChannelHandlerContext, Bool) -> Void

    private let logger: Logger
    private let listener: String
    private let setAccepting: Switch
    private var failing = false
    private var resume: Scheduled<Void>?

    init(logger: Logger, listener: String, setAccepting: @escaping Switch = AcceptBackoff.autoRead) {
        self.logger = logger
        self.listener = listener
        self.setAccepting = setAccepting
    }

    static func autoRead(_ context: ChannelHandlerContext, _ on: Bool) {
        context.channel.setOption(ChannelOptions.autoRead, value: on).whenFailure { _ in }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if failing {
            failing = false
            logger.notice("\(listener) accepts connections again")
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, let pause = ListenerBackoff.pause(after: error) {
            if !failing {
                failing = true
                logger.warning("\(listener) cannot accept connections, retrying every \(pause.nanoseconds / 1_000_000_000) s: \(error.description)")
            }
            if resume == nil {
                setAccepting(context, false)
                resume = context.eventLoop.assumeIsolated().scheduleTask(in: pause) { [self] in
                    resume = nil
                    setAccepting(context, true)
                }
            }
        }
        context.fireErrorCaught(error)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        resume?.cancel()
        resume = nil
    }
}
