#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: stdout carries the result (one JSON document with --json), stderr everything else.
public protocol Console: Sendable {
    func out(_ text: String)
    func err(_ text: String)
    /// Whether stdout is a terminal (colour, prompts).
    var isTerminal: Bool { get }
    /// Whether stderr is a terminal: progress then updates one line per station in place.
    var isErrorTerminal: Bool { get }
}

extension Console {
    public var isErrorTerminal: Bool { isTerminal }
}

/// The process's own stdout and stderr.
public struct StandardConsole: Console {
    public init() {}

    public func out(_ text: String) { write(1, text) }
    public func err(_ text: String) { write(2, text) }
    public var isTerminal: Bool { isatty(1) == 1 }
    public var isErrorTerminal: Bool { isatty(2) == 1 }

    private func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            guard written > 0 else { return }
            offset += written
        }
    }
}
