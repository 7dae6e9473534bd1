import Testing
@testable import StationModel

/// SPEC §8: the live test journals the original value before lowering it; the record is what the next run restores.
@Suite struct PendingRestoreTests {
    let plan = LiveTestPlan(target: .meterMaxCurrent, station: "ACE1", original: 40, lowered: 27, settle: 30)

    @Test(arguments: [(LinkKind.ocpp, "SmartMeter-MaxCurrent"), (LinkKind.https, "2067_0")])
    func recordWritesTheOriginalInTheLinksTerms(_ link: LinkKind, _ key: String) throws {
        let record = try #require(PendingRestore.record(for: plan, site: "site.yaml", link: link, startedAt: "2026-12-06T08:40:00Z"))
        #expect(record.restore.key == key)
        #expect(record.restore.setting == .meterMaxCurrent)
        #expect(record.restore.isSatisfied(by: "40"))
        #expect(!record.restore.isSatisfied(by: "27"))
        #expect(record.lowered == 27)
        #expect(record.restoredMessage == "restored SmartMeter-MaxCurrent on ACE1 to 40 A from a verify --live run interrupted at 2026-12-06T08:40:00Z")
        #expect(record.restore(over: link == .ocpp ? .https : .ocpp)?.key == (link == .ocpp ? "2067_0" : "SmartMeter-MaxCurrent"))
        #expect(record.failedMessage("timed out").contains("still lowered to 27 A"))
    }

    @Test func anEMSSetPointNeedsNoRecord() {
        var ems = plan
        ems.target = .emsSetPoint
        #expect(PendingRestore.record(for: ems, site: nil, link: .ocpp, startedAt: "t") == nil)
    }

    @Test func aSecondRecordKeepsTheFirstOriginal() throws {
        let first = try #require(PendingRestore.record(for: plan, site: nil, link: .ocpp, startedAt: "t1"))
        var again = plan
        again.original = 27
        again.lowered = 20
        let second = try #require(PendingRestore.record(for: again, site: nil, link: .ocpp, startedAt: "t2"))
        let records = PendingRestores().adding(first).adding(second)
        #expect(records.pending.count == 1)
        #expect(records.pending[0].restore == first.restore)
        #expect(records.pending[0].startedAt == "t2")
        var other = plan
        other.station = "ACE2"
        let both = records.adding(try #require(PendingRestore.record(for: other, site: nil, link: .ocpp, startedAt: "t3")))
        #expect(both.of(stations: ["ACE2"]).map(\.station) == ["ACE2"])
        #expect(both.of(stations: nil).count == 2)
        #expect(both.removing(station: "ACE1", target: .meterMaxCurrent).pending.map(\.station) == ["ACE2"])
    }
}
