import NIOConcurrencyHelpers
import NIOCore

/// One caller suspended until something happens (a station connects, a BootNotification arrives): resumed exactly
/// once, with a value by its owner, or with nil by its timer, its task's cancellation or the owner closing.
///
/// The timer runs on an event loop: a timeout task group per wait (`Deadline.race`) would cost a thousand waiting
/// stations two tasks and a dispatch timer each.
final class TimedWaiter<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value?, Never>?
        var timer: Scheduled<Void>?
        /// Set once resumed, or once an answer came before the continuation existed.
        var outcome: Value??
    }

    private let state = NIOLockedValueBox(State())

    /// Resumes the caller with `value`; later calls do nothing.
    func resume(_ value: Value?) {
        let (continuation, timer) = state.withLockedValue { state -> (CheckedContinuation<Value?, Never>?, Scheduled<Void>?) in
            guard state.outcome == nil else { return (nil, nil) }
            state.outcome = .some(value)
            defer { state.continuation = nil; state.timer = nil }
            return (state.continuation, state.timer)
        }
        timer?.cancel()
        continuation?.resume(returning: value)
    }

    /// Suspends the calling task. `enqueue` runs once: it hands the waiter to its owner (under the owner's lock),
    /// or returns the value that is there already. `dequeue` takes it back from the owner on timeout or cancellation.
    static func wait(
        timeout: Duration, on loop: any EventLoop, enqueue: (TimedWaiter) -> Value??,
        dequeue: @escaping @Sendable (TimedWaiter) -> Void
    ) async -> Value? {
        let waiter = TimedWaiter()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early = waiter.state.withLockedValue { state -> Value?? in
                    if let outcome = state.outcome { return outcome }
                    state.continuation = continuation
                    return nil
                }
                if let early { return continuation.resume(returning: early) }
                if let now = enqueue(waiter) { return waiter.resume(now) }
                let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
                    dequeue(waiter)
                    waiter.resume(nil)
                }
                let armed = waiter.state.withLockedValue { state -> Bool in
                    guard state.outcome == nil else { return false }
                    state.timer = timer
                    return true
                }
                if !armed { timer.cancel() }
            }
        } onCancel: {
            dequeue(waiter)
            waiter.resume(nil)
        }
    }
}

/// Bounds an async wait: the shell's waits and the benchmark drivers all go through it.
public enum Deadline {
    /// `operation`'s result, or nil when `timeout` passes first; the loser is cancelled, so every wait is bounded.
    public static func race<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async -> T?) async -> T? {
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
