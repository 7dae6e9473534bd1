import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import ChargeIO

/// `TimedWaiter`: every wait ends exactly once — with the owner's value, with what was there already, or with nil
/// on its timer or its task's cancellation — and a timed-out waiter leaves its owner.
@Suite(.timeLimit(.minutes(1))) struct TimedWaiterTests {
    /// A minimal owner: waiters by identity, as `StationRegistry` keeps them.
    final class Owner: Sendable {
        let waiters = NIOLockedValueBox<[ObjectIdentifier: TimedWaiter<String>]>([:])
        let present = NIOLockedValueBox<String?>(nil)

        func wait(timeout: Duration) async -> String? {
            await TimedWaiter.wait(timeout: timeout, on: MultiThreadedEventLoopGroup.singleton.next(), enqueue: { waiter in
                if let value = self.present.withLockedValue({ $0 }) { return .some(value) }
                self.waiters.withLockedValue { $0[ObjectIdentifier(waiter)] = waiter }
                return nil
            }, dequeue: { waiter in
                _ = self.waiters.withLockedValue { $0.removeValue(forKey: ObjectIdentifier(waiter)) }
            })
        }

        func publish(_ value: String) {
            let waiting = waiters.withLockedValue { waiters in
                defer { waiters = [:] }
                return Array(waiters.values)
            }
            waiting.forEach { $0.resume(value) }
        }

        var count: Int { waiters.withLockedValue { $0.count } }
    }

    @Test func theOwnersValueEndsTheWait() async {
        let owner = Owner()
        async let answer = owner.wait(timeout: .seconds(30))
        while owner.count == 0 { await Task.yield() }
        owner.publish("CP1")
        #expect(await answer == "CP1")
        #expect(owner.count == 0)
    }

    @Test func aValueThereAlreadyIsTakenAtOnce() async {
        let owner = Owner()
        owner.present.withLockedValue { $0 = "CP2" }
        #expect(await owner.wait(timeout: .seconds(30)) == "CP2")
        #expect(owner.count == 0)
    }

    @Test func theTimerEndsTheWaitWithNilAndLeavesTheOwner() async {
        let owner = Owner()
        #expect(await owner.wait(timeout: .milliseconds(20)) == nil)
        #expect(owner.count == 0)
        // A value published after the timeout finds no one and resumes nothing twice.
        owner.publish("late")
    }

    @Test func cancellationEndsTheWaitWithNil() async {
        let owner = Owner()
        let waiting = Task { await owner.wait(timeout: .seconds(30)) }
        while owner.count == 0 { await Task.yield() }
        waiting.cancel()
        #expect(await waiting.value == nil)
        #expect(owner.count == 0)
    }

    @Test func aTaskCancelledBeforeItWaitsDoesNotWait() async {
        let owner = Owner()
        let waiting = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await owner.wait(timeout: .seconds(30))
        }
        #expect(await waiting.value == nil)
        #expect(owner.count == 0)
    }

    @Test func manyWaitersEachGetTheirOwnEnd() async {
        let owner = Owner()
        await withTaskGroup(of: String?.self) { group in
            for index in 0..<200 {
                group.addTask { await owner.wait(timeout: index % 2 == 0 ? .seconds(30) : .milliseconds(10)) }
            }
            // The short waits time out; the long ones are all still registered, then all get the value.
            while owner.count != 100 { try? await Task.sleep(for: .milliseconds(5)) }
            owner.publish("all")
            var answers: [String?] = []
            for await answer in group { answers.append(answer) }
            #expect(answers.filter { $0 == "all" }.count == 100)
            #expect(answers.filter { $0 == nil }.count == 100)
        }
    }
}
