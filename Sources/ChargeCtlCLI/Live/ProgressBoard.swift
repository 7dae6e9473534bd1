import Foundation
import Synchronization

/// SPEC §1: long waits show progress on stderr. On a terminal the board keeps one line per station, updated in
/// place, with a countdown while the station is waited for (to connect, or to come back after a Reset); without
/// one, each progress line is printed as it comes. Nothing goes to stdout.
final class ProgressBoard: Sendable {
    struct Entry: Equatable, Sendable {
        var text: String
        /// When the wait the text announces runs out, for the countdown.
        var deadline: Date?
    }

    struct State {
        var entries: [String: Entry] = [:]
        /// Lines not about one station (an interruption, a torn journal), printed above the board once.
        var pending: [String] = []
        var drawn = 0
    }

    let stations: [String]
    let wait: Double
    let console: any Console
    let now: @Sendable () -> Date
    /// Whether stderr is a terminal: the board then redraws itself.
    let updating: Bool
    let width: Int
    private let state = Mutex(State())
    private let ticker = Mutex<Task<Void, Never>?>(nil)

    init(stations: [String], wait: Swift.Duration, in env: CLIEnvironment) {
        self.stations = stations
        self.wait = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        console = env.console
        now = env.now
        updating = env.console.isErrorTerminal
        width = env.variables["COLUMNS"].flatMap(Int.init).map { max($0, 20) } ?? 100
    }

    /// One progress line of the run (`CP-1: rebooting, waiting up to 120 s …`).
    func receive(_ line: String) {
        guard updating else {
            console.err(line + "\n")
            return
        }
        let station = stations.filter { line.hasPrefix($0 + ": ") }.max { $0.count < $1.count }
        state.withLock { state in
            if let station {
                let text = String(line.dropFirst(station.count + 2))
                state.entries[station] = Entry(text: text, deadline: Self.announcesWait(text) ? now().addingTimeInterval(wait) : nil)
            } else {
                state.pending.append(line)
            }
        }
        redraw()
    }

    /// A line about the whole run.
    func note(_ line: String) { receive(line) }

    /// On a terminal, the countdown ticks once a second until `stop`.
    func start() {
        guard updating else { return }
        redraw()
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                self?.redraw()
            }
        }
        ticker.withLock { $0 = task }
    }

    func stop() {
        ticker.withLock { $0?.cancel(); $0 = nil }
        if updating { redraw() }
    }

    func redraw() {
        let text = state.withLock { state -> String in
            var out = state.drawn > 0 ? "\u{1B}[\(state.drawn)F\u{1B}[J" : ""
            for line in state.pending { out += line + "\n" }
            state.pending = []
            let lines = Self.render(stations: stations, entries: state.entries, now: now(), width: width)
            out += lines.map { $0 + "\n" }.joined()
            state.drawn = lines.count
            return out
        }
        console.err(text)
    }

    /// The progress lines that announce a bounded wait (`waiting for the station on … (up to 120 s)`,
    /// `rebooting, waiting up to 120 s`).
    static func announcesWait(_ text: String) -> Bool { text.contains("up to ") }

    /// The board: each station, padded to the widest name, its latest line and the seconds its wait has left,
    /// cut to the terminal's width.
    static func render(stations: [String], entries: [String: Entry], now: Date, width: Int) -> [String] {
        let pad = stations.map(\.count).max() ?? 0
        return stations.map { station in
            let entry = entries[station] ?? Entry(text: "starting …")
            var line = station.padding(toLength: pad, withPad: " ", startingAt: 0) + "  " + entry.text
            if let deadline = entry.deadline {
                line += " \(max(Int(deadline.timeIntervalSince(now).rounded(.up)), 0)) s left"
            }
            return line.count < width ? line : String(line.prefix(width - 2)) + "…"
        }
    }
}
