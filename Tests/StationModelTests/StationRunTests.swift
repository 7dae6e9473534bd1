import Testing
@testable import StationModel

/// SPEC §6 as a state machine: backup first, nothing lost, nothing applied twice, secrets never restored or shown.
@Suite struct StationRunTests {
    let writes = OCPPPlanCompiler.writes([
        SettingChange(.stationMaxCurrent, .amperes(32)),
        SettingChange(.scnName, .text("PLAZA1")),
        SettingChange(.scnSocketCount, .integer(3)),
    ])
    let backup = StationConfiguration(["Station-MaxCurrent": "16.0", "SCN-NetworkName": "", "SCN-SocketCount": "1"])

    /// Drives a run, answering each action from `answers`, and returns the actions in order.
    func drive(_ run: inout StationRun, writeAnswers: [WriteStatus], readBack: [String: String] = [:]) -> [StationRun.Action] {
        var answers = writeAnswers
        var actions = [run.start()]
        while actions.count < 50 {
            let next: StationRun.Action
            switch actions.last! {
            case .backup: next = run.backedUp(backup)
            case .write: next = run.wrote(answers.isEmpty ? .accepted : answers.removeFirst())
            case .reset: next = run.resetAccepted()
            case .awaitReboot: next = run.rebooted()
            case .readBack: next = run.readBack(StationConfiguration(readBack))
            case .finish: return actions
            }
            actions.append(next)
        }
        return actions
    }

    func written(_ actions: [StationRun.Action]) -> [String] {
        actions.compactMap { if case let .write(write) = $0 { "\(write.key)=\(write.shownValue)" } else { nil } }
    }

    @Test func appliesInOrderThenResetsThenVerifies() {
        var run = StationRun(station: "A", writes: writes)
        let actions = drive(&run, writeAnswers: [.accepted, .rebootRequired, .accepted],
                            readBack: ["station-maxcurrent": "32.0", "SCN-NetworkName": "PLAZA1", "SCN-SocketCount": "3"])
        #expect(actions.first == .backup)
        #expect(written(actions) == ["Station-MaxCurrent=32", "SCN-NetworkName=PLAZA1", "SCN-SocketCount=3"])
        #expect(Array(actions.suffix(4)) == [.reset, .awaitReboot, .readBack(keys: ["Station-MaxCurrent", "SCN-NetworkName", "SCN-SocketCount"]),
                                            .finish(.applied)])
        #expect(actions.filter { $0 == .reset }.count == 1)
    }

    @Test func aRefusalRestoresEarlierChangesNewestFirst() {
        var run = StationRun(station: "A", writes: writes)
        let actions = drive(&run, writeAnswers: [.accepted, .rebootRequired, .notSupported])
        #expect(written(actions) == ["Station-MaxCurrent=32", "SCN-NetworkName=PLAZA1", "SCN-SocketCount=3",
                                     "SCN-NetworkName=", "Station-MaxCurrent=16.0"])
        #expect(actions.last == .finish(.rolledBack(reason: "SCN-SocketCount was answered NotSupported")))
        #expect(actions.contains(.reset))
    }

    @Test func aFirstRefusalChangesNothingAndNeedsNoReset() {
        var run = StationRun(station: "A", writes: writes)
        let actions = drive(&run, writeAnswers: [.rejected])
        #expect(written(actions) == ["Station-MaxCurrent=32"])
        #expect(!actions.contains(.reset))
        #expect(actions.last == .finish(.rolledBack(reason: "Station-MaxCurrent was answered Rejected")))
    }

    @Test func aRestoreThatFailsIsReported() {
        var run = StationRun(station: "A", writes: writes)
        let actions = drive(&run, writeAnswers: [.accepted, .accepted, .rejected, .rejected])
        guard case let .finish(.failed(reason)) = actions.last else { Issue.record("expected failed, got \(String(describing: actions.last))"); return }
        #expect(reason.contains("restoring SCN-NetworkName failed"))
    }

    @Test func aValueTheStationDidNotKeepFailsTheReadBack() {
        var run = StationRun(station: "A", writes: writes)
        let actions = drive(&run, writeAnswers: [], readBack: ["Station-MaxCurrent": "16", "SCN-NetworkName": "PLAZA1", "SCN-SocketCount": "3"])
        #expect(actions.last == .finish(.failed(reason: "Station-MaxCurrent reads back \"16\", expected \"32\"")))
    }

    @Test func resumeNeverWritesTwice() {
        let journal = [
            JournalEntry(station: "A", event: .backup, configuration: ["Station-MaxCurrent": "16"]),
            JournalEntry(station: "A", event: .write, index: 0, status: .accepted),
            JournalEntry(station: "A", event: .write, index: 1, status: .rebootRequired),
            JournalEntry(station: "B", event: .write, index: 2, status: .accepted),
        ]
        var run = StationRun(station: "A", writes: writes, resume: JournalReplay.state(of: "A", in: journal))
        let actions = drive(&run, writeAnswers: [], readBack: ["Station-MaxCurrent": "32", "SCN-NetworkName": "PLAZA1", "SCN-SocketCount": "3"])
        #expect(!actions.contains(.backup))
        #expect(written(actions) == ["SCN-SocketCount=3"])
        #expect(actions.last == .finish(.applied))

        let afterReboot = journal + [JournalEntry(station: "A", event: .write, index: 2, status: .accepted),
                                     JournalEntry(station: "A", event: .reset), JournalEntry(station: "A", event: .rebooted)]
        var finishing = StationRun(station: "A", writes: writes, resume: JournalReplay.state(of: "A", in: afterReboot))
        #expect(finishing.start() == .readBack(keys: ["Station-MaxCurrent", "SCN-NetworkName", "SCN-SocketCount"]))
    }

    @Test func anSCNMemberRestoresOnlyItsSCNSettings() {
        var run = StationRun(station: "B", writes: writes)
        _ = drive(&run, writeAnswers: [], readBack: ["Station-MaxCurrent": "32", "SCN-NetworkName": "PLAZA1", "SCN-SocketCount": "3"])
        var actions = [run.rollBack(because: "C refused SCN-SocketID") { $0?.rawValue.hasPrefix("scn.") ?? false }]
        actions.append(run.wrote(.accepted))
        actions.append(run.wrote(.accepted))
        #expect(written(actions) == ["SCN-SocketCount=1", "SCN-NetworkName="])
        #expect(actions.last == .reset)
        #expect(run.rebooted() == .finish(.rolledBack(reason: "C refused SCN-SocketID")))
    }

    @Test func secretsAreWrittenButNeverRestoredOrReadBack() {
        let secretWrites = OCPPPlanCompiler.writes([SettingChange(.licenseKey, .secret("1A2B.3C4D.5E6F.7A8B.9C0D.1E2F")),
                                                    SettingChange(.stationMaxCurrent, .amperes(32))])
        #expect(secretWrites.first?.shownValue == "***")
        var run = StationRun(station: "A", writes: secretWrites)
        let actions = drive(&run, writeAnswers: [.accepted, .rejected])
        #expect(written(actions) == ["FeatureLicenseKey=***", "Station-MaxCurrent=32"])
        var ok = StationRun(station: "A", writes: secretWrites)
        #expect(drive(&ok, writeAnswers: [], readBack: ["Station-MaxCurrent": "32"]).contains(.readBack(keys: ["Station-MaxCurrent"])))
    }

    @Test func anEmptyPlanIsUnchanged() {
        var run = StationRun(station: "A", writes: [])
        #expect(run.start() == .finish(.unchanged))
    }
}
