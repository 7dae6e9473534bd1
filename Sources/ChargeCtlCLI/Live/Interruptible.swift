import Synchronization

/// Runs a live run so that Ctrl-C stops it in order (SPEC §6): the first interrupt cancels the run's task, each
/// station stops before its next exchange and journals where it stood, and the partial results come back with
/// `interrupted` set, for the report and exit 130.
enum Interruptible {
    static func run<T: Sendable>(_ interrupts: @escaping @Sendable () -> AsyncStream<Void>, board: ProgressBoard,
                                 _ body: @escaping @Sendable () async throws -> T) async throws -> (T, Bool) {
        let interrupted = Flag()
        let work = Task { try await body() }
        let watcher = Task {
            for await _ in interrupts() {
                guard !interrupted.value.exchange(true, ordering: .relaxed) else { continue }
                board.note("interrupted: stopping each station after its current step …")
                work.cancel()
            }
        }
        board.start()
        defer {
            watcher.cancel()
            board.stop()
        }
        let value = try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
        return (value, interrupted.value.load(ordering: .relaxed))
    }

    final class Flag: Sendable {
        let value = Atomic(false)
    }
}
