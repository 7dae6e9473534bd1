import DNSSD
import NIOCore

/// The two sockets of a responder on one interface.
struct MDNSResponderSockets {
    /// 224.0.0.251:5353, joined on the interface: hears the queries.
    var listener: any Channel
    /// The interface's address, port 5353: responses must come from 5353 (RFC 6762 §6), multicast ones leave by
    /// this interface only; it also hears queries sent straight to the host (a legacy resolver, `dig -p 5353`).
    var sender: any Channel

    static func open(on interface: MDNSInterface, group: any EventLoopGroup) async throws(MDNSError)
        -> MDNSResponderSockets {
        var opened: [any Channel] = []
        do {
            let listener = try await MDNSSocket.bind(MDNSSocket.groupAddress, port: MDNSSocket.port, on: group)
            opened.append(listener)
            try await MDNSSocket.join(listener, on: interface)
            let sender = try await MDNSSocket.bind(interface.address, port: MDNSSocket.port, on: group)
            opened.append(sender)
            try await MDNSSocket.pinSending(sender, to: interface)
            return MDNSResponderSockets(listener: listener, sender: sender)
        } catch {
            for channel in opened { try? await channel.close() }
            throw .responderBind(interface: interface.name, reason: "\(error)")
        }
    }
}
