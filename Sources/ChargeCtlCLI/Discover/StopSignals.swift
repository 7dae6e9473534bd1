import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM as a stream that ends on the first of them, so a long-running command can finish its
/// work (a responder's goodbye, RFC 6762 §10.1) instead of dying mid-way.
enum StopSignals {
    static func stream() -> AsyncStream<Void> {
        AsyncStream { continuation in
            let sources = Mutex<[any DispatchSourceSignal]>([SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.finish() }
                source.resume()
                return source
            })
            // Keeps the sources alive until the stream ends, then restores the default actions.
            continuation.onTermination = { _ in
                sources.withLock { for source in $0 { source.cancel() } }
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
            }
        }
    }
}
