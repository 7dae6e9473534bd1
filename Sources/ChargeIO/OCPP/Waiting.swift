/// Callers suspended until something happens (a station connects, a BootNotification arrives). Kept inside the
/// owner's lock; every waiter is resumed exactly once: with a value, or with nil on close, timeout or cancellation.
struct WaiterList<Value: Sendable>: Sendable {
    private var nextID = 0
    private var waiting: [Int: CheckedContinuation<Value?, Never>] = [:]

    mutating func reserveID() -> Int {
        nextID += 1
        return nextID
    }

    mutating func add(_ id: Int, _ continuation: CheckedContinuation<Value?, Never>) {
        waiting[id] = continuation
    }

    mutating func remove(_ id: Int) -> CheckedContinuation<Value?, Never>? {
        waiting.removeValue(forKey: id)
    }

    mutating func removeAll() -> [CheckedContinuation<Value?, Never>] {
        defer { waiting = [:] }
        return Array(waiting.values)
    }
}

enum Deadline {
    /// `operation`'s result, or nil when `timeout` passes first; the loser is cancelled, so every wait is bounded.
    static func race<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async -> T?) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask(operation: operation)
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
