import ModbusProtocol
import NIOCore
import NIOPosix

/// A Modbus TCP server (SPEC §5; the simulator's stations and meters, and the tests' peers). Structured: `serve`
/// binds, runs `body` with the bound port while connections are answered, and stops serving when `body` returns,
/// so a server never outlives its caller. Tests bind 127.0.0.1 on port 0.
public enum ModbusTCPServer {
    public static func serve<Result: Sendable>(
        host: String = "127.0.0.1", port: Int = 0, framing: ModbusServerRequest.Framing = .mbap,
        responder: some ModbusServerResponder, _ body: @Sendable (_ port: Int) async throws -> Result
    ) async throws -> Result {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in inbound {
                            connections.addTask {
                                await ModbusServerConnection(framing: framing, responder: responder).run(connection)
                            }
                        }
                    }
                }
            }
            let result = try await body(boundPort)
            group.cancelAll()
            return result
        }
    }
}

/// One client connection: decode requests with the pure frame decoders, perform the responder's actions. A frame
/// error puts the stream out of step, so the connection is closed (Modbus Messaging on TCP/IP Implementation
/// Guide 1.0b §4.2).
struct ModbusServerConnection<Responder: ModbusServerResponder> {
    let framing: ModbusServerRequest.Framing
    let responder: Responder

    func run(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        // Errors end this connection only (a reset peer, a frame out of step); the server keeps serving.
        do { try await serve(connection) } catch {}
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound -> Void in
            var input = ByteBuffer()
            var mbap = MBAPFrameDecoder()
            var rtu = RTUFrameDecoder(mode: .request)
            for try await var chunk in inbound {
                input.writeBuffer(&chunk)
                while let request = try decode(&input, &mbap, &rtu) {
                    for action in await responder.respond(to: request) {
                        switch action {
                        case .send(let bytes):
                            try await outbound.write(bytes)
                        case .trickle(let bytes, let interval):
                            for index in 0..<bytes.readableBytes {
                                if let byte = bytes.getSlice(at: bytes.readerIndex + index, length: 1) {
                                    try await outbound.write(byte)
                                }
                                try await Task.sleep(for: interval)
                            }
                        case .pause(let duration):
                            try await Task.sleep(for: duration)
                        case .close(let reset):
                            if reset, let socket = connection.channel as? any SocketOptionProvider {
                                try await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                            }
                            return
                        }
                    }
                }
            }
        }
    }

    private func decode(_ input: inout ByteBuffer, _ mbap: inout MBAPFrameDecoder, _ rtu: inout RTUFrameDecoder) throws
        -> ModbusServerRequest?
    {
        switch framing {
        case .mbap:
            return try mbap.decode(&input).map {
                ModbusServerRequest(framing: .mbap, transactionID: $0.transactionID, unitID: $0.unitID, pdu: $0.pdu)
            }
        case .rtu:
            return try rtu.decode(&input).map {
                ModbusServerRequest(framing: .rtu, transactionID: 0, unitID: $0.unitID, pdu: $0.pdu)
            }
        }
    }
}
