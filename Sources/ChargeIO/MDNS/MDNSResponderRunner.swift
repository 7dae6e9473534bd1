import DNSSD
import NIOCore
import NIOPosix

/// Publishes a group of service instances on one interface until told to stop: announces them, answers
/// queries, and says goodbye at the end (RFC 6762 §8.3, §6, §10.1). `chargectl advertise` and the virtual site
/// run it; the records and answers come from the pure `DNSSDResponderGroup`.
///
/// No probing (RFC 6762 §8.1): the instances it publishes are named by their caller, unique on the link by
/// construction, and a station's responder starts answering at once.
public struct MDNSResponderRunner: Sendable {
    public var group: any EventLoopGroup

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    enum Event: Sendable {
        case datagram(ByteBuffer, from: SocketAddress)
        case send([DNSMessage], to: SocketAddress)
        case stop
    }

    /// Runs until `duration` passes or `stop` yields or ends; `ready` is called once the first announcement is
    /// out. Throws when the interface's port 5353 cannot be bound or joined.
    public func run(_ services: DNSSDResponderGroup, on interface: MDNSInterface, duration: Duration? = nil,
                    stop: AsyncStream<Void>? = nil, ready: @escaping @Sendable () -> Void = {}) async throws(MDNSError) {
        let sockets = try await MDNSResponderSockets.open(on: interface, group: group)
        var wrapped: [MDNSDatagramChannel] = []
        for channel in [sockets.listener, sockets.sender] {
            guard let channel = try? await MDNSSocket.wrap(channel) else {
                for other in wrapped { other.channel.close(promise: nil) }
                try? await sockets.sender.close()
                throw .responderBind(interface: interface.name, reason: "cannot set up the socket")
            }
            wrapped.append(channel)
        }
        _ = try? await MDNSChannels.run(wrapped[...]) { inbounds, outbounds in
            guard let sender = outbounds.last else { return }
            await MDNSResponderLoop(services: services, sender: sender)
                .run(inbounds: inbounds, duration: duration, stop: stop, ready: ready) { MDNSChannels.close(wrapped) }
        }
    }
}
