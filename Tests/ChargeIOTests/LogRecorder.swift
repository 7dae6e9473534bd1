import Logging
import NIOConcurrencyHelpers

/// A swift-log handler that keeps every line, so a test can check what a peer's abuse left in the log.
final class LogRecorder: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    var all: [String] { lines.withLockedValue { $0 } }

    func matching(_ fragment: String) -> [String] { all.filter { $0.contains(fragment) } }

    /// The lines containing `fragment`, once at least one is there; polls a bounded number of times, since the
    /// line is written on an event loop after the frame that causes it.
    func waitFor(_ fragment: String, polls: Int = 400) async throws -> [String] {
        for _ in 0..<polls {
            let found = matching(fragment)
            if !found.isEmpty { return found }
            try await Task.sleep(for: .milliseconds(25))
        }
        return matching(fragment)
    }

    fileprivate func append(_ line: String) { lines.withLockedValue { $0.append(line) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.level > .debug else { return }
            recorder.append("\(event.level) \(event.message)")
        }
    }
}
