import NIOConcurrencyHelpers

/// The connected stations by identity. The newest connection wins (ocpp-go #314, CitrineOS #583: a station that
/// lost its network reconnects while the server still holds the half-open old socket): registering a station that
/// is already connected hands back the old connection for the caller to close.
final class StationRegistry: Sendable {
    private struct Waiter {
        var identity: String
        var continuation: CheckedContinuation<OCPPStationConnection?, Never>
    }

    private struct State {
        var connections: [String: OCPPStationConnection] = [:]
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
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
            let ready = state.waiters.filter { $0.value.identity == connection.identity }
            for id in ready.keys { state.waiters[id] = nil }
            return (.registered(replacing: old), Array(ready.values))
        }
        ready.forEach { $0.continuation.resume(returning: connection) }
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

    /// The station's connection other than `previous`, as soon as there is one; nil when the registry stops or the
    /// waiting task is cancelled (the caller's deadline).
    func connection(_ identity: String, other previous: AnyObject?) async -> OCPPStationConnection? {
        let id = state.withLockedValue { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now: OCPPStationConnection?? = state.withLockedValue { state in
                    if let current = state.connections[identity], current !== previous { return .some(current) }
                    if state.stopped || Task.isCancelled { return .some(nil) }
                    state.waiters[id] = Waiter(identity: identity, continuation: continuation)
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.continuation.resume(returning: nil)
        }
    }

    /// Refuses further registrations, wakes every waiter with nil and hands back the connections to close.
    func stop() -> [OCPPStationConnection] {
        let (connections, waiters) = state.withLockedValue { state in
            state.stopped = true
            defer { state.connections = [:]; state.waiters = [:] }
            return (Array(state.connections.values), Array(state.waiters.values))
        }
        waiters.forEach { $0.continuation.resume(returning: nil) }
        return connections
    }
}
