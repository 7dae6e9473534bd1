import ChargeIO
import Foundation
import StationModel
import Synchronization
import Testing

/// SPEC §8: the lowered value's journal on disk, and the restore the next run does first.
@Suite struct PendingRestoreJournalTests {
    let plan = LiveTestPlan(target: .meterMaxCurrent, station: "ACE1", original: 40, lowered: 27, settle: 30)

    func record(station: String = "ACE1") throws -> PendingRestore {
        var plan = plan
        plan.station = station
        return try #require(PendingRestore.record(for: plan, site: "site.yaml", link: .ocpp, startedAt: "2026-12-06T08:40:00Z"))
    }

    func temporaryState() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chargectl-pending-\(UUID().uuidString)").path
        return directory
    }

    @Test func roundTripsThroughAPrivateFile() throws {
        let state = try temporaryState()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let journal = try #require(PendingRestoreJournal(variables: ["XDG_STATE_HOME": state], storage: .files))
        #expect(journal.path == state + "/chargectl/pending-restore.json")
        #expect(try journal.load() == PendingRestores())
        try journal.record(try record())
        try journal.record(try record(station: "ACE2"))
        // A second process reads what the first wrote.
        let again = PendingRestoreJournal(path: journal.path, storage: .files)
        #expect(try again.load().pending == [try record(), try record(station: "ACE2")])
        let mode = try FileManager.default.attributesOfItem(atPath: journal.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try again.clear(station: "ACE1", target: .meterMaxCurrent)
        #expect(try journal.load().pending.map(\.station) == ["ACE2"])
    }

    @Test func aDamagedFileIsRefusedNotForgotten() throws {
        let files = MemoryFiles()
        try files.storage.write("/state/chargectl/pending-restore.json", "{\"pending\": [{\"station\"")
        let journal = PendingRestoreJournal(path: "/state/chargectl/pending-restore.json", storage: files.storage)
        #expect(throws: PendingRestoreJournal.JournalError.damaged(path: journal.path)) { try journal.load() }
    }

    @Test func restoreWritesReadsBackAndClears() async throws {
        let files = MemoryFiles()
        let journal = PendingRestoreJournal(path: "/state/chargectl/pending-restore.json", storage: files.storage)
        try journal.record(try record())
        let link = ValueLink(station: "ACE1", value: "27")
        let outcomes = try await journal.restorePending(stations: ["ACE1"], over: .ocpp) { _ in link }
        #expect(outcomes.map(\.restored) == [true])
        #expect(outcomes[0].message.hasPrefix("restored SmartMeter-MaxCurrent on ACE1 to 40"))
        #expect(outcomes[0].message.hasSuffix("interrupted at 2026-12-06T08:40:00Z"))
        #expect(link.current == "40")
        #expect(try journal.load().pending.isEmpty)
    }

    @Test func aRefusedRestoreKeepsTheRecord() async throws {
        let files = MemoryFiles()
        let journal = PendingRestoreJournal(path: "/state/chargectl/pending-restore.json", storage: files.storage)
        try journal.record(try record())
        try journal.record(try record(station: "OTHER"))
        let link = ValueLink(station: "ACE1", value: "27", refuses: true)
        let outcomes = try await journal.restorePending(stations: ["ACE1"], over: .ocpp) { _ in link }
        #expect(outcomes.map(\.restored) == [false])
        #expect(outcomes[0].message.contains("still lowered to 27 A"))
        #expect(outcomes[0].message.contains("Rejected"))
        // Both stay: ACE1's failed, OTHER's was not asked about.
        #expect(try journal.load().pending.map(\.station) == ["ACE1", "OTHER"])
        let unreachable = try await journal.restorePending(stations: nil, over: .ocpp) { _ in nil }
        #expect(unreachable.map(\.restored) == [false, false])
    }
}

/// A station holding one value: writes change it unless it refuses.
final class ValueLink: StationLink {
    let station: String
    let refuses: Bool
    private let value: Mutex<String>
    var address: String { "fake" }
    var current: String { value.withLock { $0 } }

    init(station: String, value: String, refuses: Bool = false) {
        self.station = station
        self.value = Mutex(value)
        self.refuses = refuses
    }

    func waitForStation(timeout: Swift.Duration) async throws(StationError) -> StationPresence { StationPresence(firmware: nil) }
    func firmware(timeout: Swift.Duration) async -> String? { nil }
    func readAll() async throws(StationError) -> ConfigurationListing { listing }
    func read(keys: [String]) async throws(StationError) -> ConfigurationListing { listing }
    func write(_ batch: [PlannedWrite]) async throws(StationError) -> [WriteStatus] {
        if refuses { return batch.map { _ in .rejected } }
        if let last = batch.last { value.withLock { $0 = last.value } }
        return batch.map { _ in .accepted }
    }
    func reboot(_ kind: StationRun.ResetKind) async throws(StationError) -> Bool { true }
    func waitForReboot(timeout: Swift.Duration) async throws(StationError) -> StationPresence { StationPresence(firmware: nil) }
    func bootedSinceConnect(within timeout: Swift.Duration) async -> StationPresence? { nil }
    func close() async {}

    private var listing: ConfigurationListing {
        ConfigurationListing(keys: [ConfigurationKey(key: "SmartMeter-MaxCurrent", readonly: false, value: current)])
    }
}
