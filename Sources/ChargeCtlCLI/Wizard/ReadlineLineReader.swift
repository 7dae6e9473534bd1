import ChargeIO
import CReadline
import Foundation

/// GNU readline on the terminal (SPEC §9): line editing, history kept in `$XDG_STATE_HOME/chargectl/wizard-history`,
/// Tab completion of the question's answers; Ctrl-C ends the line as `.interrupted` (the C shim's handler), Ctrl-D
/// as `.endOfInput`.
struct ReadlineLineReader: LineReader {
    let historyPath: String?

    init(historyPath: String?) {
        self.historyPath = historyPath
        using_history()
        stifle_history(500)
        if let historyPath { read_history(historyPath) }
    }

    func read(prompt: String, completions: [String]) -> LineInput {
        var candidates: [UnsafeMutablePointer<CChar>?] = completions.map { strdup($0) }
        defer { candidates.forEach { free($0) } }
        var interrupted: Int32 = 0
        let line = candidates.withUnsafeMutableBufferPointer { buffer in
            chargectl_readline(prompt, buffer.baseAddress, Int32(buffer.count), &interrupted)
        }
        if interrupted != 0 {
            free(line)
            return .interrupted
        }
        guard let line else { return .endOfInput }
        defer { free(line) }
        let text = String(cString: line)
        if !text.isEmpty {
            add_history(line)
            if let historyPath { Self.save(historyPath) }
        }
        return .line(text)
    }

    /// The history file holds answers (never secrets: the wizard asks where they are, not for them); private.
    private static func save(_ path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        write_history(path)
        chmod(path, 0o600)
    }

    /// `$XDG_STATE_HOME/chargectl/wizard-history`, `~/.local/state` when unset.
    static func defaultHistoryPath(_ variables: [String: String]) -> String? {
        StatePaths.stateRoot(variables).map { "\($0)/wizard-history" }
    }
}
