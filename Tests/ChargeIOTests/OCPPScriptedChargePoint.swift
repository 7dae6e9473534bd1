import Foundation
import NIOCore
import NIOWebSocket
import OCPP16

/// Runs a `SimulatedStation` over a connected socket: boots, then answers every CALL until the central system
/// closes or the test cancels. `answerPings: false` makes a silent, half-open-looking peer.
struct OCPPScriptedChargePoint: Sendable {
    var station: SimulatedStation
    var boot = true
    var answerPings = true

    enum Ending: Sendable, Equatable { case closedByServer, endOfStream }

    func run(_ socket: OCPPTestClient.Socket) async throws -> Ending {
        try await socket.executeThenClose { inbound, outbound in
            var session = OCPPSession(responder: station, messageIDs: SequentialMessageIDs(prefix: "cp"))
            if boot {
                let outcome = session.send(BootNotification.self, .init(
                    chargePointVendor: "Alfen BV", chargePointModel: "NG910-60023", firmwareVersion: "6.1.0-4159"))
                try await write(outcome.actions, to: outbound)
            }
            for try await frame in inbound {
                switch frame.opcode {
                case .text:
                    let actions = session.receive(String(buffer: frame.unmaskedData), currentTime: OCPPTimestamp(Date()))
                    try await write(actions, to: outbound)
                case .ping where answerPings:
                    try await outbound.write(TestFrames.frame(.pong, frame.unmaskedData))
                case .connectionClose:
                    return .closedByServer
                default:
                    break
                }
            }
            return .endOfStream
        }
    }

    private func write(_ actions: [OCPPSession.Action], to outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) async throws {
        for action in actions {
            switch action {
            case .sendCall(_, let frame), .sendReply(let frame):
                try await outbound.write(TestFrames.text(frame.text))
            default:
                break
            }
        }
    }
}

enum TestFrames {
    /// RFC 6455 §5.3: every client frame is masked.
    static func frame(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
    }

    static func text(_ text: String) -> WebSocketFrame { frame(.text, ByteBuffer(string: text)) }

    /// The next text frame, answering pings on the way; nil when the stream ends.
    static func nextText(_ iterator: inout NIOAsyncChannelInboundStream<WebSocketFrame>.AsyncIterator,
                         pong outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) async throws -> String? {
        while let frame = try await iterator.next() {
            switch frame.opcode {
            case .text: return String(buffer: frame.unmaskedData)
            case .ping: try await outbound.write(self.frame(.pong, frame.unmaskedData))
            case .connectionClose: return nil
            default: continue
            }
        }
        return nil
    }
}
