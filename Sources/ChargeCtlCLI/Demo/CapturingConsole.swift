import Synchronization

/// A console that keeps what one step's command printed, so the demo can show it under the step's heading even when
/// steps run in parallel. Progress on stderr is passed on at once (a reboot wait must not look like a hang).
final class CapturingConsole: Console, Sendable {
    private let captured = Mutex<(out: String, err: String)>(("", ""))
    private let progress: @Sendable (String) -> Void
    let isTerminal: Bool
    /// The step's stderr is captured, never a terminal: progress comes as plain lines.
    var isErrorTerminal: Bool { false }

    init(isTerminal: Bool, progress: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.progress = progress
    }

    func out(_ text: String) { captured.withLock { $0.out += text } }
    func err(_ text: String) {
        captured.withLock { $0.err += text }
        progress(text)
    }

    var stdout: String { captured.withLock { $0.out } }
    var stderr: String { captured.withLock { $0.err } }
}
