import ChargeIO
import StationModel
import Synchronization
import Testing
@testable import ChargeCtlCLI

/// SPEC §8: a verify --live run killed with the meter maximum lowered is repaired first thing by the next `verify` or
/// `apply --resume`, which says so on stderr and reports it as `verify.live.restored`.
@Suite struct PendingRestoreStepTests {
    final class OneKeyLink: StationLink {
        let station: String
        let refuses: Bool
        let value: Mutex<String>
        var address: String { "test" }
        init(station: String, value: String, refuses: Bool = false) {
            self.station = station
            self.value = Mutex(value)
            self.refuses = refuses
        }
        func waitForStation(timeout: Swift.Duration) async throws(StationError) -> StationPresence { StationPresence(firmware: nil) }
        func firmware(timeout: Swift.Duration) async -> String? { nil }
        func readAll() async throws(StationError) -> ConfigurationListing { listing }
        /// Answers under the name asked: an OCPP key, or an HTTPS property id.
        func read(keys: [String]) async throws(StationError) -> ConfigurationListing {
            ConfigurationListing(keys: keys.map { ConfigurationKey(key: $0, readonly: false, value: value.withLock { $0 }) })
        }
        func write(_ batch: [PlannedWrite]) async throws(StationError) -> [WriteStatus] {
            if refuses { return batch.map { _ in .rejected } }
            value.withLock { $0 = batch.last?.value ?? $0 }
            return batch.map { _ in .accepted }
        }
        func reboot(_ kind: StationRun.ResetKind) async throws(StationError) -> Bool { true }
        func waitForReboot(timeout: Swift.Duration) async throws(StationError) -> StationPresence { StationPresence(firmware: nil) }
        func bootedSinceConnect(within timeout: Swift.Duration) async -> StationPresence? { nil }
        func close() async {}
        var listing: ConfigurationListing {
            ConfigurationListing(keys: [ConfigurationKey(key: "SmartMeter-MaxCurrent", readonly: false, value: value.withLock { $0 })])
        }
    }

    func environment() throws -> TestEnvironment {
        let test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state"]).withRunStorage()
        let journal = try #require(PendingRestoreJournal(variables: test.env.variables, storage: test.env.runStorage))
        let plan = LiveTestPlan(target: .meterMaxCurrent, station: "ACE1", original: 40, lowered: 27)
        try journal.record(try #require(PendingRestore.record(for: plan, site: "site.yaml", link: .ocpp, startedAt: "2026-12-06T08:40:00Z")))
        return test
    }

    @Test func aPendingValueIsRestoredFirstAndTold() async throws {
        let test = try environment()
        let link = OneKeyLink(station: "ACE1", value: "27")
        let findings = await PendingRestoreStep.run(stations: ["ACE1", "ACE2"], over: .https, links: { _ in link }, wait: .seconds(1), in: test.env)
        #expect(link.value.withLock { $0 } == "40")
        #expect(findings.map(\.code) == ["verify.live.restored"])
        #expect(findings.map(\.severity) == [.pass])
        #expect(test.console.stderr.contains("restored SmartMeter-MaxCurrent on ACE1 to 40 A from a verify --live run interrupted at 2026-12-06T08:40:00Z"))
        // Done once: the next run has nothing to restore.
        #expect(await PendingRestoreStep.run(stations: ["ACE1"], over: .ocpp, links: { _ in link }, wait: .seconds(1), in: test.env).isEmpty)
    }

    @Test func aRefusedRestoreFailsAndStays() async throws {
        let test = try environment()
        let link = OneKeyLink(station: "ACE1", value: "27", refuses: true)
        let findings = await PendingRestoreStep.run(stations: ["ACE1"], over: .ocpp, links: { _ in link }, wait: .seconds(1), in: test.env)
        #expect(findings.map(\.severity) == [.fail])
        #expect(findings.first?.hint.contains("chargectl config set ACE1 SmartMeter-MaxCurrent=40") == true)
        #expect(await PendingRestoreStep.run(stations: ["ACE1"], over: .ocpp, links: { _ in link }, wait: .seconds(1), in: test.env).count == 1)
        // Another site's stations are not touched.
        #expect(await PendingRestoreStep.run(stations: ["OTHER"], over: .ocpp, links: { _ in link }, wait: .seconds(1), in: test.env).isEmpty)
    }
}
