import DNSSD
import NIOCore
import NIOPosix

/// What one browse window found.
public struct MDNSBrowseResult: Sendable {
    /// Resolved instances (SRV, TXT and an address), in `DNSServiceInstance` order.
    public var instances: [DNSServiceInstance]
    public var warnings: [MDNSWarning]
    /// Datagrams that did not decode or came from a port other than 5353.
    public var ignoredPackets: Int

    public init(instances: [DNSServiceInstance] = [], warnings: [MDNSWarning] = [], ignoredPackets: Int = 0) {
        self.instances = instances
        self.warnings = warnings
        self.ignoredPackets = ignoredPackets
    }
}

/// Runs `MDNSBrowseSession` over real sockets for one window: one event stream of datagrams and timer ticks,
/// handled one at a time, so the session needs no lock.
public struct MDNSBrowser: Sendable {
    public var group: any EventLoopGroup

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    enum Event: Sendable {
        case datagram(ByteBuffer, sourcePort: Int)
        case query
        case followUp
        case deadline
    }

    /// Browses until `window` ends, `expect` stations are resolved or the task is cancelled; each of the three
    /// returns what is known so far. Throws only when no interface could send a query. With `identities`, only
    /// those stations count and are returned (`MDNSBrowseSession.identities`).
    public func browse(on interfaces: [MDNSInterface], window: Duration, expect: Int? = nil,
                       identities: Set<String>? = nil,
                       serviceTypes: [DNSName] = DNSSDServiceType.stations) async throws(MDNSError) -> MDNSBrowseResult {
        let sockets = await MDNSBrowseSockets.open(on: interfaces, group: group)
        guard !sockets.queriers.isEmpty else {
            await sockets.closeAll()
            throw .noSocket(reason: sockets.warnings.map(\.description).joined(separator: "; "))
        }
        var wrapped: [MDNSDatagramChannel] = []
        for channel in sockets.all {
            // A channel that fails to wrap is closed by `wrap`; the ones before it are wrapped and run below.
            if let channel = try? await MDNSSocket.wrap(channel) { wrapped.append(channel) }
        }
        let queriers = wrapped.count - (sockets.listener == nil ? 0 : 1)
        var session = MDNSBrowseSession(serviceTypes: serviceTypes, expect: expect, identities: identities)
        let warnings = (try? await MDNSChannels.run(wrapped[...]) { inbounds, outbounds in
            await Self.loop(&session, inbounds: inbounds, senders: Array(outbounds.prefix(queriers)),
                            window: window) { MDNSChannels.close(wrapped) }
        }) ?? []
        return MDNSBrowseResult(instances: session.resolved, warnings: sockets.warnings + warnings,
                                ignoredPackets: session.ignoredPackets)
    }

    private static func loop(_ session: inout MDNSBrowseSession,
                             inbounds: [NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>],
                             senders: [NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>],
                             window: Duration, stop: () -> Void) async -> [MDNSWarning] {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let start = ContinuousClock.now
        return await withTaskGroup(of: Void.self) { group in
            for inbound in inbounds {
                group.addTask {
                    do {
                        for try await envelope in inbound {
                            continuation.yield(.datagram(envelope.data, sourcePort: envelope.remoteAddress.port ?? 0))
                        }
                    } catch {}
                }
            }
            group.addTask {
                let queries = MDNSBrowseSession.queryTimes(window: window)
                let timers = (queries.dropFirst().map { ($0, Event.query) }
                    + queries.map { ($0 + MDNSBrowseSession.followUpDelay, Event.followUp) })
                    .filter { $0.0 < window }.sorted { $0.0 < $1.0 }
                for (time, event) in timers {
                    guard (try? await Task.sleep(until: start + time)) != nil else { return }
                    continuation.yield(event)
                }
                guard (try? await Task.sleep(until: start + window)) != nil else { return }
                continuation.yield(.deadline)
            }
            var sendFailures = 0
            var iterator = events.makeAsyncIterator()
            var actions = session.start()
            events: while true {
                for action in actions {
                    switch action {
                    case .send(let message): sendFailures += await send(message, via: senders)
                    case .finish: break events
                    }
                }
                guard let event = await iterator.next() else { break }
                switch event {
                case .datagram(let buffer, let port): actions = session.receive(buffer, sourcePort: port)
                case .query: actions = session.repeatQuery()
                case .followUp: actions = session.followUp()
                case .deadline: break events
                }
            }
            continuation.finish()
            group.cancelAll()
            stop()
            return sendFailures == 0 ? [] : [MDNSWarning(interface: "*", message: "\(sendFailures) sends failed")]
        }
    }

    /// Multicasts `message` from every querier; returns how many sends failed.
    private static func send(_ message: DNSMessage,
                             via senders: [NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>]) async -> Int {
        guard let buffer = try? DNSMessageEncoder().encode(message) else { return senders.count }
        var failures = 0
        for sender in senders {
            do {
                try await sender.write(AddressedEnvelope(remoteAddress: MDNSSocket.group, data: buffer))
            } catch {
                failures += 1
            }
        }
        return failures
    }
}

