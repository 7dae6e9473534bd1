import Foundation
import StationModel

/// The run's journal file (SPEC §6): one JSON line per event, appended and synced before the next step, so an
/// interrupted run resumes from it. Stations run in parallel; the actor keeps their lines whole and in order.
public actor RunJournal {
    public let path: String
    private let storage: RunStorage

    public init(path: String, storage: RunStorage) {
        self.path = path
        self.storage = storage
    }

    public func record(_ entry: JournalEntry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try storage.append(path, String(decoding: try encoder.encode(entry), as: UTF8.self) + "\n")
    }

    /// The entries of an earlier run; a torn last line (the crash came mid-write) is ignored.
    public static func entries(in text: String) -> [JournalEntry] {
        text.split(whereSeparator: \.isNewline).compactMap { try? JSONDecoder().decode(JournalEntry.self, from: Data($0.utf8)) }
    }
}
