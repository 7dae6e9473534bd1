import DNSSD
import NIOCore

/// The event loop of `MDNSResponderRunner`: every send goes out from this one task, in order.
struct MDNSResponderLoop {
    typealias Event = MDNSResponderRunner.Event

    var services: DNSSDResponderGroup
    var sender: MDNSChannels.Outbound

    func run(inbounds: [MDNSChannels.Inbound], duration: Duration?, stop: AsyncStream<Void>?,
             ready: @escaping @Sendable () -> Void, close: () -> Void) async {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        await withTaskGroup(of: Void.self) { group in
            for inbound in inbounds {
                group.addTask {
                    do {
                        for try await envelope in inbound {
                            continuation.yield(.datagram(envelope.data, from: envelope.remoteAddress))
                        }
                    } catch {}
                }
            }
            group.addTask {
                // RFC 6762 §8.3: at least two announcements, one second apart.
                guard (try? await Task.sleep(for: .seconds(1))) != nil else { return }
                continuation.yield(.send(services.announcements(), to: MDNSSocket.group))
            }
            if let duration {
                group.addTask {
                    guard (try? await Task.sleep(for: duration)) != nil else { return }
                    continuation.yield(.stop)
                }
            }
            if let stop {
                group.addTask {
                    for await _ in stop {}
                    continuation.yield(.stop)
                }
            }
            await send(services.announcements(), to: MDNSSocket.group)
            ready()
            var iterator = events.makeAsyncIterator()
            loop: while let event = await iterator.next() {
                switch event {
                case .datagram(let buffer, let source): answer(buffer, from: source, into: continuation)
                case .send(let messages, let destination): await send(messages, to: destination)
                case .stop: break loop
                }
            }
            await send(services.goodbyes(), to: MDNSSocket.group)
            continuation.finish()
            group.cancelAll()
            close()
        }
    }

    /// RFC 6762 §6.7: a query from a port other than 5353 is a one-shot query, answered at once by unicast to
    /// its source. Other queries get a multicast answer after 20–120 ms (§6: several responders may hold the
    /// shared PTR records). A QU question is answered by multicast too, which §5.4 allows: a unicast datagram to
    /// port 5353 would reach only one of the processes sharing it on the asker's host.
    private func answer(_ buffer: ByteBuffer, from source: SocketAddress,
                        into continuation: AsyncStream<Event>.Continuation) {
        guard let query = try? DNSMessageDecoder().decode(buffer), !query.isResponse else { return }
        let legacy = source.port != MDNSSocket.port
        let responses = services.responses(to: query, legacyUnicast: legacy)
        guard !responses.isEmpty else { return }
        if legacy {
            continuation.yield(.send(responses, to: source))
            return
        }
        let delay = Duration.milliseconds(Int.random(in: 20...120))
        Task {
            try? await Task.sleep(for: delay)
            continuation.yield(.send(responses, to: MDNSSocket.group))
        }
    }

    private func send(_ messages: [DNSMessage], to destination: SocketAddress) async {
        for message in messages {
            guard let buffer = try? DNSMessageEncoder().encode(message) else { continue }
            try? await sender.write(AddressedEnvelope(remoteAddress: destination, data: buffer))
        }
    }
}
