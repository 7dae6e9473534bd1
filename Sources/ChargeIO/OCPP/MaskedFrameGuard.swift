import NIOCore
import NIOWebSocket

/// RFC 6455 §5.1: a client masks every frame, and a server that receives an unmasked one closes the connection
/// (1002, protocol error). Sits before `NIOWebSocketFrameAggregator`, whose whole messages carry no mask any more.
/// After the first unmasked frame nothing more is read; `OCPPConnectionHandler` gets the violation as an error.
final class MaskedFrameGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame

    private var refused = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        guard Self.unwrapInboundIn(data).maskKey != nil else {
            refused = true
            context.fireErrorCaught(WebSocketViolation.unmaskedFrame)
            return
        }
        context.fireChannelRead(data)
    }
}

/// A peer's frame that breaks RFC 6455, and the close code that answers it (§7.4.1).
enum WebSocketViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// §5.1: a client frame without a masking key.
    case unmaskedFrame
    /// §8.1: a text message that is not UTF-8.
    case invalidUTF8
    /// A message (one frame, or the fragments of one) over the size limit.
    case tooLarge(limit: Int)
    /// Fragments out of order, too many of them, or a control frame broken up (§5.4, §5.5).
    case badFragmentation

    var closeCode: WebSocketErrorCode {
        switch self {
        case .unmaskedFrame, .badFragmentation: .protocolError
        case .invalidUTF8: .dataInconsistentWithMessage
        case .tooLarge: .messageTooLarge
        }
    }

    var description: String {
        switch self {
        case .unmaskedFrame: "an unmasked frame (RFC 6455 §5.1 requires a client to mask every frame)"
        case .invalidUTF8: "a text message that is not valid UTF-8 (RFC 6455 §8.1)"
        case .tooLarge(let limit): "a message over the \(limit)-byte limit"
        case .badFragmentation: "a wrongly fragmented message (RFC 6455 §5.4)"
        }
    }

    /// The violation an error of NIO's WebSocket decoder or aggregator stands for; nil for other errors (a reset
    /// connection, say).
    init?(_ error: any Error, limit: Int) {
        switch error {
        case let violation as WebSocketViolation: self = violation
        case NIOWebSocketError.invalidFrameLength: self = .tooLarge(limit: limit)
        case is NIOWebSocketError: self = .badFragmentation
        case NIOWebSocketFrameAggregator.Error.accumulatedFrameSizeIsTooLarge: self = .tooLarge(limit: limit)
        case is NIOWebSocketFrameAggregator.Error: self = .badFragmentation
        default: return nil
        }
    }
}
