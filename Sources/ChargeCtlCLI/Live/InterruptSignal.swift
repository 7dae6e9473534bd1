import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT during a live run, as a stream that yields once per Ctrl-C: the run stops each station after its current
/// step, journals it and prints the partial result (SPEC §6: `apply --resume RUN` finishes it). When the stream
/// ends, Ctrl-C kills the process again.
enum InterruptSignal {
    static func stream() -> AsyncStream<Void> {
        AsyncStream { continuation in
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            let kept = Mutex<(any DispatchSourceSignal)?>(source)
            continuation.onTermination = { _ in
                kept.withLock { $0?.cancel(); $0 = nil }
                signal(SIGINT, SIG_DFL)
            }
        }
    }
}
