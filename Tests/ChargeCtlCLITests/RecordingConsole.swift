import ChargeCtlCLI
import Foundation
import Synchronization

/// Captures what a command writes, so tests run commands in-process.
final class RecordingConsole: Console, Sendable {
    private let buffers = Mutex<(out: String, err: String)>(("", ""))
    let isTerminal: Bool
    let isErrorTerminal: Bool
    /// Sees every stderr write as it happens, on the writer's task (a test interrupts a run at a chosen line).
    private let onErr: (@Sendable (String) -> Void)?

    init(isTerminal: Bool = false, isErrorTerminal: Bool? = nil, onErr: (@Sendable (String) -> Void)? = nil) {
        self.isTerminal = isTerminal
        self.isErrorTerminal = isErrorTerminal ?? isTerminal
        self.onErr = onErr
    }

    func out(_ text: String) { buffers.withLock { $0.out += text } }
    func err(_ text: String) {
        buffers.withLock { $0.err += text }
        onErr?(text)
    }
    var stdout: String { buffers.withLock { $0.out } }
    var stderr: String { buffers.withLock { $0.err } }
}

/// Files a command wrote, by path.
final class RecordingFiles: Sendable {
    private let files = Mutex<[String: String]>([:])
    func write(_ path: String, _ contents: String) { files.withLock { $0[path] = contents } }
    subscript(path: String) -> String? { files.withLock { $0[path] } }
    var paths: [String] { files.withLock { Array($0.keys) } }
}

enum TestCLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func example(_ name: String) -> String { repository.appendingPathComponent("Docs/examples/\(name)").path }

    /// Parses `arguments` exactly as the binary would and runs the command against a recording environment.
    static func run(_ arguments: [String], variables: [String: String] = [:]) async throws
        -> (status: ExitStatus, console: RecordingConsole, files: RecordingFiles) {
        let test = TestEnvironment(variables: variables).withFiles().withLoopbackModbus()
        return (try await test.run(arguments), test.console, test.files)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
