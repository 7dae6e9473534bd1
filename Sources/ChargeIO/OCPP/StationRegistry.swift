import NIOConcurrencyHelpers
import NIOCore

/// The connected stations by identity. The newest connection wins (ocpp-go #314, CitrineOS #583: a station that
/// lost its network reconnects while the server still holds the half-open old socket): registering a station that
/// is already connected hands back the old connection for the caller to close.
final class StationRegistry: Sendable {
    private typealias Waiter = TimedWaiter<OCPPStationConnection>

    private struct State {
        var connections: [String: OCPPStationConnection] = [:]
        /// By identity: a registration wakes its own station's waiters without scanning the rest.
        var waiters: [String: [ObjectIdentifier: Waiter]] = [:]
        var refusals: [String: HandshakeRefusal] = [:]
        var stopped = false
    }

    private let state = NIOLockedValueBox(State())

    enum Registration {
        case registered(replacing: OCPPStationConnection?)
        case stopped
    }

    func register(_ connection: OCPPStationConnection) -> Registration {
        let (registration, ready) = state.withLockedValue { state -> (Registration, [Waiter]) in
            guard !state.stopped else { return (.stopped, []) }
            let old = state.connections.updateValue(connection, forKey: connection.identity)
            state.refusals[connection.identity] = nil
            let ready = state.waiters.removeValue(forKey: connection.identity) ?? [:]
            return (.registered(replacing: old), Array(ready.values))
        }
        ready.forEach { $0.resume(connection) }
        return registration
    }

    /// Removes `connection` if it is still the station's current one (a replaced connection is not).
    func unregister(_ connection: OCPPStationConnection) {
        state.withLockedValue { state in
            if state.connections[connection.identity] === connection { state.connections[connection.identity] = nil }
        }
    }

    /// Remembered so that "did not connect" can say why a station that tried was turned away.
    func noteRefusal(_ refusal: HandshakeRefusal) {
        guard let identity = refusal.identity else { return }
        state.withLockedValue { $0.refusals[identity] = refusal }
    }

    func lastRefusal(of identity: String) -> HandshakeRefusal? {
        state.withLockedValue { $0.refusals[identity] }
    }

    var isStopped: Bool { state.withLockedValue { $0.stopped } }

    /// The station's connection other than `previous`, as soon as there is one; nil when `timeout` passes first (on
    /// a timer of `loop`), the registry stops or the waiting task is cancelled.
    func connection(_ identity: String, other previous: AnyObject?, timeout: Duration,
                    loop: any EventLoop) async -> OCPPStationConnection? {
        await Waiter.wait(timeout: timeout, on: loop, enqueue: { waiter in
            state.withLockedValue { state -> OCPPStationConnection?? in
                if let current = state.connections[identity], current !== previous { return .some(current) }
                if state.stopped { return .some(nil) }
                state.waiters[identity, default: [:]][ObjectIdentifier(waiter)] = waiter
                return nil
            }
        }, dequeue: { [state] waiter in
            state.withLockedValue { state in
                state.waiters[identity]?[ObjectIdentifier(waiter)] = nil
                if state.waiters[identity]?.isEmpty == true { state.waiters[identity] = nil }
            }
        })
    }

    /// Refuses further registrations, wakes every waiter with nil and hands back the connections to close.
    func stop() -> [OCPPStationConnection] {
        let (connections, waiters) = state.withLockedValue { state in
            state.stopped = true
            defer { state.connections = [:]; state.waiters = [:] }
            return (Array(state.connections.values), state.waiters.values.flatMap(\.values))
        }
        waiters.forEach { $0.resume(nil) }
        return connections
    }
}
