import Foundation
import NIOCore
import NIOPosix
import NIOWebSocket
import OCPP16
import Testing
@testable import ChargeIO

/// A rogue peer against the central system (SPEC §6: every malformed frame gives a clear error, never a crash or a
/// hang; issue 14). Where a bug would mean waiting for a long timer, the timer is set beyond the suite's time limit,
/// so the test fails instead of measuring time.
@Suite(.timeLimit(.minutes(1))) struct OCPPAbuseTests {
    /// Longer than the suite may run: a call that waited for it would fail the test.
    static let beyondTheTimeLimit = Duration.seconds(300)

    @Test func garbageAnsweringACallFailsItAtOnceAsAMalformedAnswer() async throws {
        var configuration = OCPPLoopback.configuration()
        configuration.callTimeout = Self.beyondTheTimeLimit
        try await OCPPLoopback.with(configuration) { central, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                let connection = try await central.waitForStation("CP1", timeout: .seconds(5))
                let first = Task { await Self.failure { () async throws(StationError) in try await connection.getConfiguration(keys: nil) } }
                let call = try #require(try await TestFrames.nextText(&frames, pong: outbound))
                #expect(call.hasPrefix(#"[2,"cs1","GetConfiguration""#), "\(call)")
                try await outbound.write(TestFrames.text("<html>garbage</html>"))
                let error = await first.value
                #expect(error?.reason == .invalidReply("message is not valid JSON"))
                #expect(error?.description == "CP1: GetConfiguration got a malformed answer: message is not valid JSON")

                // The connection lives on: the next call is answered normally.
                let second = Task { try await connection.getConfiguration(keys: nil) }
                let next = try #require(try await TestFrames.nextText(&frames, pong: outbound))
                #expect(next.hasPrefix(#"[2,"cs2","GetConfiguration""#), "\(next)")
                try await outbound.write(TestFrames.text(#"[3,"cs2",{"configurationKey":[]}]"#))
                #expect(try await second.value.keys.isEmpty)
            }
        }
    }

    @Test func garbageThroughServesControlSocketIsTheSameMalformedAnswer() async throws {
        var configuration = OCPPLoopback.configuration()
        configuration.callTimeout = Self.beyondTheTimeLimit
        try await ControlSocketTests.withControl(configuration) { _, port, remote, _ in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                let connection = try await remote.waitForStation("CP1", timeout: .seconds(5))
                let asked = Task { await Self.failure { () async throws(StationError) in try await connection.getConfiguration(keys: nil) } }
                _ = try #require(try await TestFrames.nextText(&frames, pong: outbound))
                try await outbound.write(TestFrames.text("[]"))
                let error = await asked.value
                #expect(error?.reason == .invalidReply("message is an empty array"))
                #expect(error?.description == "CP1: GetConfiguration got a malformed answer: message is an empty array")
            }
        }
    }

    @Test func anUnmaskedFrameIsRefusedWithAProtocolErrorClose() async throws {
        try await Self.withStation { socket, _ in
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                // RFC 6455 §5.1: this frame lacks the masking key every client frame carries.
                try await outbound.write(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: #"[2,"m1","Heartbeat",{}]"#)))
                #expect(try await TestFrames.closeCode(&frames) == .protocolError, "closed with 1002, the Heartbeat unanswered")
            }
        }
    }

    @Test func invalidUTF8InATextFrameIsRefusedWith1007() async throws {
        try await Self.withStation { socket, _ in
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                var bytes = ByteBuffer(string: #"[2,"m1","Heartbeat",{"x":""#)
                bytes.writeBytes([0xC3, 0x28])  // a lead byte followed by no continuation byte
                bytes.writeString(#""}]"#)
                try await outbound.write(TestFrames.frame(.text, bytes))
                #expect(try await TestFrames.closeCode(&frames) == .dataInconsistentWithMessage)
            }
        }
    }

    @Test func anOversizedFrameIsClosedWith1009AndLogged() async throws {
        let log = LogRecorder()
        var configuration = OCPPLoopback.configuration()
        configuration.maximumMessageSize = 1024
        try await OCPPLoopback.with(configuration, logger: log.logger) { _, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                try await outbound.write(TestFrames.text(String(repeating: "x", count: 4096)))
                #expect(try await TestFrames.closeCode(&frames) == .messageTooLarge)
            }
            let lines = try await log.waitFor("over the 1024-byte limit")
            #expect(lines.count == 1, "\(log.all)")
        }
    }

    @Test func aReplyToNoOutstandingCallIsLoggedAndTheConnectionLives() async throws {
        let log = LogRecorder()
        try await OCPPLoopback.with(logger: log.logger) { _, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                try await outbound.write(TestFrames.text(#"[3,"nobody-asked",{}]"#))
                try await outbound.write(TestFrames.text(#"[2,"m2","Heartbeat",{}]"#))
                let beat = try #require(try await TestFrames.nextText(&frames, pong: outbound))
                #expect(beat.hasPrefix(#"[3,"m2",{"currentTime":"#), "\(beat)")
            }
            let lines = try await log.waitFor("reply to no outstanding call (message id nobody-asked)")
            #expect(lines.count == 1, "\(log.all)")
        }
    }

    @Test func oversizedHTTPHeadersAreRefusedClosedAndLogged() async throws {
        let log = LogRecorder()
        var configuration = OCPPLoopback.configuration()
        configuration.handshakeTimeout = Self.beyondTheTimeLimit
        try await OCPPLoopback.with(configuration, logger: log.logger) { _, port in
            let request = "GET /ocpp/CP1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                + String(repeating: "a", count: 90 * 1024) + "\r\n\r\n"
            // Read until the server closes (held for the handshake timeout, it would outlast the suite); it may
            // reset the connection with part of the request unread, so the answer itself is not judged.
            _ = try? await OCPPTestClient.exchange(port: port, request: request)
            let lines = try await log.waitFor("HTTP headers are over the size limit")
            #expect(lines.count == 1, "\(log.all)")
        }
    }

    @Test func aRefusedHandshakeIsClosedOnceItsAnswerIsWritten() async throws {
        var configuration = OCPPLoopback.configuration()
        configuration.handshakeTimeout = Self.beyondTheTimeLimit
        try await OCPPLoopback.with(configuration) { _, port in
            let request = "GET /ocpp/NOBODY HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n"
            // `exchange` reads until the server closes: held for the handshake timeout, it would outlast the suite.
            let response = try await OCPPTestClient.exchange(port: port, request: request)
            #expect(response.hasPrefix("HTTP/1.1 404"), "\(response)")
        }
    }

    // MARK: - Helpers

    static func withStation(_ body: (OCPPTestClient.Socket, CentralSystem) async throws -> Void) async throws {
        try await OCPPLoopback.with { central, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await body(socket, central)
        }
    }

    static func failure<T>(_ call: () async throws(StationError) -> T) async -> StationError? {
        do throws(StationError) {
            _ = try await call()
            return nil
        } catch {
            return error
        }
    }
}

extension TestFrames {
    /// The status code of the server's Close frame, skipping anything before it; nil when the stream ends without
    /// one.
    static func closeCode(_ iterator: inout NIOAsyncChannelInboundStream<WebSocketFrame>.AsyncIterator) async throws -> WebSocketErrorCode? {
        while let frame = try await iterator.next() {
            guard frame.opcode == .connectionClose else { continue }
            var data = frame.unmaskedData
            return data.readWebSocketErrorCode()
        }
        return nil
    }
}

extension OCPPTestClient {
    /// Writes `request` on a plain TCP connection and returns everything the server sent until it closed.
    static func exchange(port: Int, request: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var text = ""
            for try await chunk in inbound { text += String(buffer: chunk) }
            return text
        }
    }
}
