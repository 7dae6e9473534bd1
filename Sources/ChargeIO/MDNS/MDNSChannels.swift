import NIOCore

/// Scoped access to several datagram channels at once: `executeThenClose` nested once per channel, so every
/// channel is finished and closed however the body ends, and none is dropped unfinished (environment.md §1).
enum MDNSChannels {
    typealias Inbound = NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>
    typealias Outbound = NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>

    static func run<Result: Sendable>(_ channels: ArraySlice<MDNSDatagramChannel>,
                                      inbounds: [Inbound] = [], outbounds: [Outbound] = [],
                                      _ body: ([Inbound], [Outbound]) async throws -> Result) async throws -> Result {
        guard let first = channels.first else { return try await body(inbounds, outbounds) }
        return try await first.executeThenClose { inbound, outbound in
            try await run(channels.dropFirst(), inbounds: inbounds + [inbound], outbounds: outbounds + [outbound], body)
        }
    }

    /// Ends every inbound stream at once, so readers blocked on them return.
    static func close(_ channels: [MDNSDatagramChannel]) {
        for channel in channels { channel.channel.close(promise: nil) }
    }
}
