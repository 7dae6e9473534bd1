import Foundation
import StationModel

/// The run's journal file (SPEC §6): one JSON line per event of a station's run, appended and synced before the
/// next step, so an interrupted run resumes from it by replaying the events. Stations run in parallel; the actor
/// keeps their lines whole and in order.
public actor RunJournal {
    public let path: String
    private let storage: RunStorage

    public init(path: String, storage: RunStorage) {
        self.path = path
        self.storage = storage
    }

    public struct Line: Codable, Sendable, Equatable {
        public var station: String
        public var event: StationRun.Event

        public init(station: String, event: StationRun.Event) {
            self.station = station
            self.event = event
        }
    }

    public func record(_ station: String, _ event: StationRun.Event) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try storage.append(path, String(decoding: try encoder.encode(Line(station: station, event: event)), as: UTF8.self) + "\n")
    }

    /// What an earlier run's journal holds.
    public struct Contents: Sendable, Equatable {
        public var lines: [Line]
        /// The last line was cut short (the crash came mid-write); it was dropped, and its step is done again.
        public var droppedTornLastLine: Bool

        public func events(of station: String) -> [StationRun.Event] { lines.filter { $0.station == station }.map(\.event) }
    }

    public enum DamageError: Error, Sendable, Equatable, CustomStringConvertible {
        case damagedLine(Int)
        public var description: String {
            switch self {
            case .damagedLine(let number):
                "line \(number) of the journal is damaged: the run cannot tell what that step did, so it is not resumed"
            }
        }
    }

    /// Parses a journal. A damaged line in the middle is refused with its number (resuming past it could send a
    /// write again); only a cut last line, which a crash mid-append leaves, is dropped.
    public static func contents(of text: String) throws(DamageError) -> Contents {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastRow = rows.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var lines: [Line] = []
        var torn = false
        for (index, row) in rows.enumerated() where !row.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let line = try? JSONDecoder().decode(Line.self, from: Data(row.utf8)) else {
                guard index == lastRow, !text.hasSuffix("\n") else { throw .damagedLine(index + 1) }
                torn = true
                continue
            }
            lines.append(line)
        }
        return Contents(lines: lines, droppedTornLastLine: torn)
    }
}
