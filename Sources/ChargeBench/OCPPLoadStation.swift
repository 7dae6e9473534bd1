import NIOCore
import NIOWebSocket
import Synchronization

/// One benchmark charge point on its WebSocket: boots, then answers every CALL at once from canned text
/// (GetConfiguration with `LoadTable.configuration`, anything else Accepted), so the generator costs little CPU
/// next to the central system it loads. Counts the CALLs it answered.
final class OCPPLoadStation: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let identity: String
    let tally: LoadTally

    init(identity: String, tally: LoadTally) {
        self.identity = identity
        self.tally = tally
    }

    /// Sent once the upgrade is complete: while it runs the HTTP encoder still sits in the pipeline.
    static func boot(_ channel: any Channel) {
        let text = #"[2,"boot","BootNotification",{"chargePointVendor":"Bench","chargePointModel":"Load"}]"#
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text)),
                              promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = Self.unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            let text = frame.unmaskedData
            guard let (id, action) = Self.call(in: text) else { return }
            let payload = action == "GetConfiguration" ? LoadTable.configuration : #"{"status":"Accepted"}"#
            send("[3,\"\(id)\",\(payload)]", context)
            tally.answered()
        case .ping:
            context.writeAndFlush(Self.wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(),
                                                                      data: frame.unmaskedData)), promise: nil)
        case .connectionClose:
            context.close(promise: nil)
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        print("load station \(identity): \(error)")
        context.close(promise: nil)
    }

    private func send(_ text: String, _ context: ChannelHandlerContext) {
        let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: context.channel.allocator.buffer(string: text))
        context.writeAndFlush(Self.wrapOutboundOut(frame), promise: nil)
    }

    /// `[2,"<id>","<action>",…`: the central system's ids and action names carry no escapes.
    static func call(in buffer: ByteBuffer) -> (String, String)? {
        let bytes = buffer.readableBytesView
        guard bytes.starts(with: "[2,\"".utf8) else { return nil }
        var index = bytes.startIndex + 4
        guard let idEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let id = String(decoding: bytes[index..<idEnd], as: UTF8.self)
        index = idEnd + 1
        guard let actionStart = bytes[index...].firstIndex(of: UInt8(ascii: "\"")),
              let actionEnd = bytes[(actionStart + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return (id, String(decoding: bytes[(actionStart + 1)..<actionEnd], as: UTF8.self))
    }
}

/// CALLs answered across all stations; `finished` resumes once the expected number is reached.
final class LoadTally: Sendable {
    private let state: Mutex<(count: Int, waiter: CheckedContinuation<Void, Never>?)>
    let expected: Int

    init(expected: Int) {
        self.expected = expected
        state = Mutex((0, nil))
    }

    func answered() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.count += 1
            guard state.count == expected else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    var count: Int { state.withLock { $0.count } }

    func finished() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.count >= expected { return true }
                state.waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// A station's configuration as it might answer a full GetConfiguration: 40 keys, a few read-only.
enum LoadTable {
    static let configuration: String = {
        let keys = (0..<40).map { index in
            #"{"key":"Key\#(index)","readonly":\#(index % 7 == 0),"value":"\#(index * 10)"}"#
        }
        return #"{"configurationKey":[\#(keys.joined(separator: ","))]}"#
    }()
}
