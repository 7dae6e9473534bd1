import Foundation
import StationModel

/// Where `verify --live` journals the value it lowered (SPEC §8): `$XDG_STATE_HOME/chargectl/pending-restore.json`,
/// written (atomically, 0600) before the change and cleared once the original is back. The verify command and
/// `apply --resume` call `restorePending` first thing, so a run killed in between is repaired by the next one.
public struct PendingRestoreJournal: Sendable {
    public let path: String
    private let storage: RunStorage

    public init(path: String, storage: RunStorage) {
        self.path = path
        self.storage = storage
    }

    /// The journal under the state root; nil when neither XDG_STATE_HOME nor HOME is set.
    public init?(variables: [String: String], storage: RunStorage) {
        guard let root = StatePaths.stateRoot(variables) else { return nil }
        self.init(path: root + "/pending-restore.json", storage: storage)
    }

    public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
        case damaged(path: String)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .damaged(let path): "\(path) is damaged: it cannot tell which value a verify --live run lowered"
            case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
            }
        }

        public var hint: String {
            switch self {
            case .damaged: "compare SmartMeter-MaxCurrent on the ALB station with the site file (`chargectl config get`), then delete the file"
            case .unwritable: "check that the state directory is writable (XDG_STATE_HOME); nothing was lowered"
            }
        }
    }

    /// The records; a missing file holds none.
    public func load() throws(JournalError) -> PendingRestores {
        guard let text = try? storage.read(path), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return PendingRestores() }
        do { return try JSONDecoder().decode(PendingRestores.self, from: Data(text.utf8)) } catch { throw .damaged(path: path) }
    }

    /// Journals the promise before the change; the change must not be made when this throws.
    public func record(_ record: PendingRestore) throws(JournalError) {
        try save(try load().adding(record))
    }

    /// The original value is back and read back.
    public func clear(station: String, target: LiveTarget) throws(JournalError) {
        let current = try load()
        let remaining = current.removing(station: station, target: target)
        if remaining != current { try save(remaining) }
    }

    private func save(_ records: PendingRestores) throws(JournalError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try storage.makeDirectory(directory) }
            try storage.write(path, String(decoding: try encoder.encode(records), as: UTF8.self) + "\n")
        } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
    }

    /// What became of one pending record.
    public struct Outcome: Sendable, Equatable {
        public var record: PendingRestore
        public var restored: Bool
        /// For stderr and the report: `restored SmartMeter-MaxCurrent on X … interrupted at …`, or why not.
        public var message: String
    }

    /// Restores every pending value of these stations (all when nil) through `link`, reads it back, and clears
    /// the record only when the station holds the original again; a failure keeps the record for the next run.
    /// `kind`: the link `link` gives (a record made over the other link is written in this one's terms).
    public func restorePending(stations: Set<String>?, over kind: LinkKind, wait: Swift.Duration = .seconds(30),
                               link: (PendingRestore) async -> (any StationLink)?) async throws(JournalError) -> [Outcome] {
        var outcomes: [Outcome] = []
        for record in try load().of(stations: stations) {
            guard let station = await link(record), let write = record.restore(over: kind) else {
                outcomes.append(Outcome(record: record, restored: false, message: record.failedMessage("no link to the station")))
                continue
            }
            let result = await Self.restore(write, on: station, wait: wait)
            if result == nil { try clear(station: record.station, target: record.target) }
            outcomes.append(Outcome(record: record, restored: result == nil,
                                    message: result.map(record.failedMessage) ?? record.restoredMessage))
        }
        return outcomes
    }

    /// Writes the original back and reads it back; nil when it holds, else why not.
    public static func restore(_ write: PlannedWrite, on link: any StationLink, wait: Swift.Duration) async -> String? {
        do {
            _ = try await link.waitForStation(timeout: wait)
            let statuses = try await link.write([write])
            guard let status = statuses.first, status.isSuccess else {
                return "the station answered \(statuses.first?.rawValue ?? "nothing")"
            }
            let listing = try await link.read(keys: [write.key])
            let value = listing[write.key]?.value
            guard write.isSatisfied(by: value) else { return "it reads back \(value ?? "nothing")" }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
