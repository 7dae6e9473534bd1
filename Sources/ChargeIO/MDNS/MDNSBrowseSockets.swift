import DNSSD
import NIOCore

/// The sockets of one browse window: a one-shot querier per interface, and one listener on 5353 for
/// everything multicast.
struct MDNSBrowseSockets {
    /// Bound to the interface's address on an ephemeral port: the query is a one-shot query (RFC 6762 §5.1), so
    /// responders answer it by unicast to that port (§6.7) and no other responder on this host competes for it.
    var queriers: [any Channel] = []
    /// Bound to 224.0.0.251:5353 and joined on every interface, to hear announcements and the multicast answers
    /// other browsers provoke. Optional: where 5353 cannot be shared the unicast answers still arrive.
    var listener: (any Channel)?
    var warnings: [MDNSWarning] = []

    var all: [any Channel] { queriers + (listener.map { [$0] } ?? []) }

    /// Opens what it can; a failure on one interface is a warning, not an error (issue 5).
    static func open(on interfaces: [MDNSInterface], group: any EventLoopGroup) async -> MDNSBrowseSockets {
        var sockets = MDNSBrowseSockets()
        for interface in interfaces {
            do {
                let channel = try await MDNSSocket.bind(interface.address, port: 0, on: group)
                do {
                    try await MDNSSocket.pinSending(channel, to: interface)
                    sockets.queriers.append(channel)
                } catch {
                    try? await channel.close()
                    throw error
                }
            } catch {
                sockets.warnings.append(MDNSWarning(interface: interface.name, message: "cannot send queries: \(error)"))
            }
        }
        sockets.listener = await openListener(on: interfaces, group: group, warnings: &sockets.warnings)
        return sockets
    }

    /// The shared 5353 listener, bound to the group address so it sees only mDNS multicast and never takes a
    /// unicast datagram meant for another process on this host.
    static func openListener(on interfaces: [MDNSInterface], group: any EventLoopGroup,
                             warnings: inout [MDNSWarning]) async -> (any Channel)? {
        let channel: any Channel
        do {
            channel = try await MDNSSocket.bind(MDNSSocket.groupAddress, port: MDNSSocket.port, on: group)
        } catch {
            warnings.append(MDNSWarning(interface: "*", message: "cannot share UDP 5353 (\(error)); "
                                        + "only direct answers will be heard"))
            return nil
        }
        var joined = 0
        for interface in interfaces {
            do {
                try await MDNSSocket.join(channel, on: interface)
                joined += 1
            } catch {
                warnings.append(MDNSWarning(interface: interface.name, message: "cannot join 224.0.0.251: \(error)"))
            }
        }
        guard joined > 0 else {
            try? await channel.close()
            return nil
        }
        return channel
    }

    func closeAll() async {
        for channel in all { try? await channel.close() }
    }
}
