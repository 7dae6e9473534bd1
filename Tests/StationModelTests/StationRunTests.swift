import Testing
@testable import StationModel

/// Every rule of a run (SPEC §6, ARCHITECTURE.md "The run, end to end") as rows of one table: a plan, what the
/// station holds and how it answers, and the actions the machine must take in order.
@Suite struct StationRunTests {
    /// A scripted station: it keeps what it accepts, answers resets and boots as told.
    struct Station {
        var configuration: [String: String]
        var answers: [String: WriteStatus] = [:]
        /// Keys the station accepts and then does not keep.
        var forgets: Set<String> = []
        var resetAnswers: [Bool] = []
        var firmware: String? = "6.4.0"
        var bootsOnConfirm = true
        /// The action (by its trace text prefix) at which the link is lost, once.
        var loseAt: String?
        var groupFailures: [String] = []
        /// What the other SCN members report at the pre-flight.
        var others: [PreflightReport] = []
        var featuresAfterReboot: String?
        /// Reconnected without a boot: it says its firmware only when asked.
        var quiet = false

        mutating func answer(_ action: StationRun.Action) -> StationRun.Event {
            if let lose = loseAt, trace(action).hasPrefix(lose) {
                loseAt = nil
                return .lost("the connection closed")
            }
            switch action {
            case .connect: return .connected(firmware: quiet ? nil : firmware)
            case .identify: return .identified(firmware: firmware)
            case .backup: return .backedUp(StationConfiguration(configuration), path: "/backups/A.json")
            case .write(let batch):
                return .wrote(batch.map { write in
                    let status = answers[write.key] ?? .accepted
                    if status.isSuccess, !forgets.contains(write.key) { configuration[write.key] = write.value }
                    return status
                })
            case .reset(let kind):
                let accepted = resetAnswers.isEmpty ? true : resetAnswers.removeFirst()
                return .resetAnswered(kind, accepted: accepted)
            case .awaitBoot:
                if let features = featuresAfterReboot { configuration["UnlockedFeatures"] = features }
                return .booted(firmware: firmware)
            case .confirmBoot:
                guard bootsOnConfirm else { return .noBoot }
                if let features = featuresAfterReboot { configuration["UnlockedFeatures"] = features }
                return .booted(firmware: firmware)
            case .readBack: return .readBack(StationConfiguration(configuration))
            case .preflight(let report): return .preflightDone([report] + others)
            case .arriveAtGroup(let failure):
                return .groupDecided([.init(station: "A", failure: failure)] + groupFailures.map { word in
                    let parts = word.split(separator: ":", maxSplits: 1)
                    return .init(station: String(parts[0]), failure: parts.dropFirst().first.map { String($0.dropFirst()) })
                })
            case .finish: return .lost("finished")
            }
        }
    }

    static func trace(_ action: StationRun.Action) -> String { StationRunTests().trace(action) }

    func trace(_ action: StationRun.Action) -> String {
        switch action {
        case .connect: "connect"
        case .identify: "identify"
        case .backup: "backup"
        case .write(let batch): "write " + batch.map { "\($0.key)=\($0.shownValue)" }.joined(separator: ",")
        case .reset(let kind): "reset \(kind.rawValue)"
        case .awaitBoot: "awaitBoot"
        case .confirmBoot: "confirmBoot"
        case .readBack: "readBack"
        case .preflight(.member): "preflight"
        case .preflight(.failed): "preflight failed"
        case .preflight(.unknown): "preflight lost"
        case .arriveAtGroup(let failure): "group" + (failure.map { " \($0)" } ?? "")
        case .finish(let outcome): "finish \(outcome)"
        }
    }

    /// Drives a machine against a station until it finishes; the actions as text, and the events in order.
    func drive(_ run: inout StationRun, _ station: inout Station, first: StationRun.Action) -> (trace: [String], events: [StationRun.Event]) {
        var action = first
        var traced: [String] = []
        var events: [StationRun.Event] = []
        for _ in 0..<100 {
            traced.append(trace(action))
            if case .finish = action { break }
            let event = station.answer(action)
            if case .arriveAtGroup(let failure) = action { events.append(.arrived(failure: failure)) }
            events.append(event)
            action = run.handle(event)
        }
        return (traced, events)
    }

    static let limits: [PlannedWrite] = [
        PlannedWrite(setting: .stationMaxCurrent, key: "Station-MaxCurrent", value: "32"),
        PlannedWrite(setting: .connector1MaxCurrent, key: "Connector1-MaxCurrent", value: "32"),
    ]
    static let scn: [PlannedWrite] = [
        PlannedWrite(setting: .scnName, key: "SCN-NetworkName", value: "PLAZA1"),
        PlannedWrite(setting: .scnSocketCount, key: "SCN-SocketCount", value: "3"),
    ]
    static let licence = RunPlan.UnlockStep(write: PlannedWrite(setting: .licenseKey, key: "FeatureLicenseKey", value: "1A2B.3C4D.5E6F.7A8B.9C0D.1E2F"),
                                           expect: ["scn"])
    static let factory = ["Station-MaxCurrent": "16.0", "Connector1-MaxCurrent": "16", "SCN-NetworkName": "", "SCN-SocketCount": "1",
                          "UnlockedFeatures": "5"]

    struct Row: CustomTestStringConvertible {
        var name: String
        var plan: RunPlan.Station
        var inGroup = false
        var allowLeaving = false
        var station: Station
        var expected: [String]
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "writes in order, one soft reset, reads back", plan: .init(station: "A", writes: limits),
            station: Station(configuration: factory),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "write Connector1-MaxCurrent=32", "reset Soft", "awaitBoot",
                       "readBack", "finish applied"]),
        Row(name: "a key already at its target is skipped", plan: .init(station: "A", writes: limits),
            station: Station(configuration: factory.merging(["Station-MaxCurrent": "32.00"]) { $1 }),
            expected: ["connect", "backup", "write Connector1-MaxCurrent=32", "reset Soft", "awaitBoot", "readBack", "finish applied"]),
        Row(name: "nothing to change: no write, no reset", plan: .init(station: "A", writes: limits),
            station: Station(configuration: factory.merging(["Station-MaxCurrent": "32", "Connector1-MaxCurrent": "32.0"]) { $1 }),
            expected: ["connect", "backup", "finish unchanged"]),
        Row(name: "a refused soft reset falls back to a hard one", plan: .init(station: "A", writes: [limits[0]]),
            station: Station(configuration: factory, resetAnswers: [false, true]),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "reset Soft", "reset Hard", "awaitBoot", "readBack", "finish applied"]),
        Row(name: "both resets refused", plan: .init(station: "A", writes: [limits[0]]),
            station: Station(configuration: factory, resetAnswers: [false, false]),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "reset Soft", "reset Hard",
                       "finish failed(reason: \"the station refused both a Soft and a Hard Reset; the changes take effect after a reboot by hand\")"]),
        Row(name: "a value the station did not keep fails the read-back", plan: .init(station: "A", writes: limits),
            station: Station(configuration: factory, forgets: ["Connector1-MaxCurrent"]),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "write Connector1-MaxCurrent=32", "reset Soft", "awaitBoot", "readBack",
                       "finish failed(reason: \"Connector1-MaxCurrent reads back \\\"16\\\", expected \\\"32\\\"\")"]),
        Row(name: "a refusal restores the earlier changes, newest first, then reboots", plan: .init(station: "A", writes: limits + scn),
            station: Station(configuration: factory, answers: ["SCN-NetworkName": .notSupported]),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "write Connector1-MaxCurrent=32", "write SCN-NetworkName=PLAZA1",
                       "write Connector1-MaxCurrent=16", "write Station-MaxCurrent=16.0", "reset Soft", "awaitBoot",
                       "finish rolledBack(reason: \"SCN-NetworkName was answered NotSupported\")"]),
        Row(name: "a first refusal changes nothing and needs no reboot", plan: .init(station: "A", writes: limits),
            station: Station(configuration: factory, answers: ["Station-MaxCurrent": .rejected]),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "finish rolledBack(reason: \"Station-MaxCurrent was answered Rejected\")"]),
        Row(name: "a restore that fails is reported", plan: .init(station: "A", writes: limits + scn),
            station: Station(configuration: factory, answers: ["SCN-NetworkName": .rejected, "Connector1-MaxCurrent": .accepted]),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "write Connector1-MaxCurrent=32", "write SCN-NetworkName=PLAZA1",
                       "write Connector1-MaxCurrent=16", "write Station-MaxCurrent=16.0", "reset Soft", "awaitBoot",
                       "finish rolledBack(reason: \"SCN-NetworkName was answered Rejected\")"]),
        Row(name: "SCN group: another member refused, this one restores its SCN settings only", plan: .init(station: "A", writes: limits + scn),
            inGroup: true, station: Station(configuration: factory, groupFailures: ["B: SCN-SocketID was answered Rejected"]),
            expected: ["connect", "backup", "preflight", "write Station-MaxCurrent=32", "write Connector1-MaxCurrent=32", "write SCN-NetworkName=PLAZA1",
                       "write SCN-SocketCount=3", "group", "write SCN-SocketCount=1", "write SCN-NetworkName=", "reset Soft", "awaitBoot",
                       "finish rolledBack(reason: \"SCN member refused: B: SCN-SocketID was answered Rejected\")"]),
        Row(name: "SCN group: a member that refuses restores, then tells the group before its one reboot", plan: .init(station: "A", writes: [limits[0]] + scn),
            inGroup: true, station: Station(configuration: factory, answers: ["SCN-SocketCount": .rejected]),
            expected: ["connect", "backup", "preflight", "write Station-MaxCurrent=32", "write SCN-NetworkName=PLAZA1", "write SCN-SocketCount=3",
                       "write SCN-NetworkName=", "write Station-MaxCurrent=16.0", "group SCN-SocketCount was answered Rejected", "reset Soft", "awaitBoot",
                       "finish rolledBack(reason: \"SCN-SocketCount was answered Rejected\")"]),
        Row(name: "SCN group: every member wrote, one reboot each", plan: .init(station: "A", writes: scn), inGroup: true,
            station: Station(configuration: factory),
            expected: ["connect", "backup", "preflight", "write SCN-NetworkName=PLAZA1", "write SCN-SocketCount=3", "group", "reset Soft", "awaitBoot",
                       "readBack", "finish applied"]),
        Row(name: "a lost station reaches the group without a failure (it is resumed, not rolled back)", plan: .init(station: "A", writes: scn),
            inGroup: true, station: Station(configuration: factory, loseAt: "write SCN-SocketCount"),
            expected: ["connect", "backup", "preflight", "write SCN-NetworkName=PLAZA1", "write SCN-SocketCount=3", "group",
                       "finish lost(reason: \"the connection closed\")"]),
        Row(name: "a station lost before it was read still meets the others, as unknown", plan: .init(station: "A", writes: scn),
            inGroup: true, station: Station(configuration: factory, loseAt: "connect"),
            expected: ["connect", "preflight lost", "group", "finish lost(reason: \"the connection closed\")"]),
        Row(name: "licence: written, its own reboot, UnlockedFeatures confirmed, then the settings",
            plan: .init(station: "A", unlock: licence, writes: scn),
            station: Station(configuration: factory.merging(["UnlockedFeatures": "4"]) { $1 }, featuresAfterReboot: "5"),
            expected: ["connect", "backup", "write FeatureLicenseKey=***", "reset Soft", "awaitBoot", "readBack",
                       "write SCN-NetworkName=PLAZA1", "write SCN-SocketCount=3", "reset Soft", "awaitBoot", "readBack", "finish applied"]),
        Row(name: "licence: the feature did not come", plan: .init(station: "A", unlock: licence, writes: scn),
            station: Station(configuration: factory.merging(["UnlockedFeatures": "4"]) { $1 }),
            expected: ["connect", "backup", "write FeatureLicenseKey=***", "reset Soft", "awaitBoot", "readBack",
                       "finish failed(reason: \"UnlockedFeatures lacks scn after the reboot (has: alb)\")"]),
        Row(name: "licence: firmware below 3.4.0 needs none", plan: .init(station: "A", unlock: licence, writes: [limits[0]]),
            station: Station(configuration: factory.merging(["UnlockedFeatures": "0"]) { $1 }, firmware: "3.3.1", quiet: true),
            expected: ["connect", "backup", "identify", "write Station-MaxCurrent=32", "reset Soft", "awaitBoot", "readBack", "finish applied"]),
        Row(name: "licence: a station that has the features is not written again", plan: .init(station: "A", unlock: licence, writes: [limits[0]]),
            station: Station(configuration: factory),
            expected: ["connect", "backup", "write Station-MaxCurrent=32", "reset Soft", "awaitBoot", "readBack", "finish applied"]),
        Row(name: "pre-flight: SCN settings on a station without the SCN feature, and no licence in the run", plan: .init(station: "A", writes: scn),
            station: Station(configuration: factory.merging(["UnlockedFeatures": "4"]) { $1 }),
            expected: ["connect", "backup",
                       "finish refusedInput(code: \"feature.locked\", reason: \"UnlockedFeatures lacks scn (has: alb); nothing was written\", hint: \"give the station\\'s licence key (licenseKey in the site file, or `chargectl unlock`) so the run unlocks it first\")"]),
        Row(name: "a stored plan's masked licence key is not sent", plan: .init(station: "A", unlock: .init(write: licence.write.masked, expect: ["scn"]), writes: scn),
            station: Station(configuration: factory.merging(["UnlockedFeatures": "4"]) { $1 }),
            expected: ["connect", "backup",
                       "finish refusedInput(code: \"run.secret-needed\", reason: \"a secret of the run (licence key, AuthorizationKey) is not stored, and it still has to be written\", hint: \"resume with the site file too (chargectl apply --resume RUN SITE reads its licence keys again), or run the command again\")"]),
        Row(name: "SCN pre-flight: a member of another SCN whose other members are not in the run", plan: .init(station: "A", writes: scn),
            inGroup: true, station: Station(configuration: factory.merging(["SCN-NetworkName": "OLD", "SCN-SocketCount": "3"]) { $1 },
                                            others: [.member(SCNMembership(station: "B", network: "", networkSockets: 0, sockets: 1))]),
            expected: ["connect", "backup", "preflight", "group A belong to SCN OLD of 3 sockets, and only 1 of them are in this run; nothing was written",
                       "finish refusedInput(code: \"scn.other-members\", reason: \"A belong to SCN OLD of 3 sockets, and only 1 of them are in this run; nothing was written\", hint: \"put every member of OLD in the run, or pass --leave to take these out of it (the others keep counting their sockets until they are commissioned again)\")"]),
        Row(name: "SCN pre-flight: every member of the old SCN is in the run", plan: .init(station: "A", writes: scn),
            inGroup: true, station: Station(configuration: factory.merging(["SCN-NetworkName": "OLD", "SCN-SocketCount": "2"]) { $1 },
                                            others: [.member(SCNMembership(station: "B", network: "OLD", networkSockets: 2, sockets: 1))]),
            expected: ["connect", "backup", "preflight", "write SCN-NetworkName=PLAZA1", "write SCN-SocketCount=3", "group", "reset Soft",
                       "awaitBoot", "readBack", "finish applied"]),
        Row(name: "SCN pre-flight: one member that cannot go on stops every member before any write", plan: .init(station: "A", writes: scn),
            inGroup: true, station: Station(configuration: factory, others: [.failed(station: "B", reason: "UnlockedFeatures lacks scn")]),
            expected: ["connect", "backup", "preflight", "group SCN member B cannot be commissioned (UnlockedFeatures lacks scn); nothing was written",
                       "finish refusedInput(code: \"scn.member-failed\", reason: \"SCN member B cannot be commissioned (UnlockedFeatures lacks scn); nothing was written\", hint: \"fix B first, then run the command again\")"]),
        Row(name: "SCN pre-flight: a member whose feature is locked tells the others", plan: .init(station: "A", writes: scn), inGroup: true,
            station: Station(configuration: factory.merging(["UnlockedFeatures": "4"]) { $1 }),
            expected: ["connect", "backup", "preflight failed", "group UnlockedFeatures lacks scn (has: alb); nothing was written",
                       "finish refusedInput(code: \"feature.locked\", reason: \"UnlockedFeatures lacks scn (has: alb); nothing was written\", hint: \"give the station\\'s licence key (licenseKey in the site file, or `chargectl unlock`) so the run unlocks it first\")"]),
    ]

    @Test(arguments: rows) func rule(_ row: Row) {
        var run = StationRun(plan: row.plan, inGroup: row.inGroup, allowLeaving: row.allowLeaving)
        var station = row.station
        let (trace, _) = drive(&run, &station, first: run.start())
        #expect(trace == row.expected)
    }

    @Test func aKeyIsWrittenAsTheStationSpellsIt() {
        var run = StationRun(plan: .init(station: "A", writes: [Self.limits[0]]))
        var station = Station(configuration: ["station-maxcurrent": "16"])
        let (trace, _) = drive(&run, &station, first: run.start())
        #expect(trace == ["connect", "backup", "write station-maxcurrent=32", "reset Soft", "awaitBoot", "readBack", "finish applied"])
    }

    @Test func batchesOfFifteenOverHTTPS() {
        let writes = (0..<20).map { PlannedWrite(setting: nil, key: "K\($0)", value: "1") }
        var run = StationRun(plan: .init(station: "A", writes: writes), batchSize: 15)
        var station = Station(configuration: [:])
        let (trace, _) = drive(&run, &station, first: run.start())
        #expect(trace.filter { $0.hasPrefix("write") }.map { $0.split(separator: ",").count } == [15, 5])
        #expect(trace.last == "finish applied")
    }

    @Test func theReportShowsEveryChangeWithItsStatus() {
        var run = StationRun(plan: .init(station: "A", unlock: Self.licence, writes: Self.limits))
        var station = Station(configuration: Self.factory.merging(["Station-MaxCurrent": "32", "UnlockedFeatures": "4"]) { $1 },
                              answers: ["Connector1-MaxCurrent": .rebootRequired], featuresAfterReboot: "5")
        _ = drive(&run, &station, first: run.start())
        #expect(run.changes.map(\.status) == [.applied, .unchanged, .applied])
        #expect(run.changes.map(\.to) == ["***", "32", "32"])
        #expect(run.changes.map(\.from) == [nil, "32", "16"])
        #expect(run.backupPath == "/backups/A.json")
    }

    // MARK: resume

    /// Interrupts a run after each of its events and resumes it from the journal: every resume finishes the plan,
    /// nothing the journal shows as answered is sent again, and no second reboot follows a boot that came.
    @Test(arguments: [false, true]) func resumeAfterEveryStep(withLicence: Bool) {
        let plan = RunPlan.Station(station: "A", unlock: withLicence ? Self.licence : nil, writes: Self.limits + Self.scn)
        let start = Self.factory.merging(["UnlockedFeatures": withLicence ? "4" : "5"]) { $1 }
        var whole = StationRun(plan: plan)
        var reference = Station(configuration: start, featuresAfterReboot: "5")
        let (fullTrace, events) = drive(&whole, &reference, first: whole.start())
        #expect(fullTrace.last == "finish applied")
        let resetsInFullRun = fullTrace.filter { $0.hasPrefix("reset") }.count

        for cut in 0...events.count {
            let journal = Array(events.prefix(cut))
            var resumed = StationRun(plan: plan)
            resumed.replay(journal)
            // The station as the interrupted run left it: what it answered is in its configuration.
            var station = Station(configuration: start, featuresAfterReboot: "5")
            var replayed = StationRun(plan: plan)
            var action = replayed.start()
            for event in journal {
                _ = station.answer(action)
                action = replayed.handle(event)
            }
            let (trace, _) = drive(&resumed, &station, first: resumed.resume())
            #expect(trace.last == "finish applied", "cut after \(cut) events: \(trace)")
            let answeredWrites = journal.filter { if case .wrote = $0 { true } else { false } }.count
            let writesAfter = trace.filter { $0.hasPrefix("write") }.count
            #expect(answeredWrites + writesAfter <= fullTrace.filter { $0.hasPrefix("write") }.count + 1, "cut \(cut) wrote again: \(trace)")
            let resetsBefore = journal.filter { if case .resetAnswered = $0 { true } else { false } }.count
            #expect(resetsBefore + trace.filter { $0.hasPrefix("reset") }.count <= resetsInFullRun + 1, "cut \(cut): \(trace)")
        }
    }

    @Test func aJournaledResetWhoseBootCameIsNotSentAgain() {
        let plan = RunPlan.Station(station: "A", writes: [Self.limits[0]])
        var run = StationRun(plan: plan)
        run.replay([.connected(firmware: "6.4.0"), .backedUp(StationConfiguration(Self.factory), path: nil), .wrote([.accepted])])
        var station = Station(configuration: Self.factory.merging(["Station-MaxCurrent": "32"]) { $1 })
        let (trace, _) = drive(&run, &station, first: run.resume())
        #expect(trace == ["connect", "confirmBoot", "readBack", "finish applied"])
    }

    @Test func aJournaledResetWithNoBootIsSentAgain() {
        let plan = RunPlan.Station(station: "A", writes: [Self.limits[0]])
        var run = StationRun(plan: plan)
        run.replay([.connected(firmware: "6.4.0"), .backedUp(StationConfiguration(Self.factory), path: nil), .wrote([.accepted]),
                    .resetAnswered(.soft, accepted: true)])
        var station = Station(configuration: Self.factory.merging(["Station-MaxCurrent": "32"]) { $1 }, bootsOnConfirm: false)
        let (trace, _) = drive(&run, &station, first: run.resume())
        #expect(trace == ["connect", "confirmBoot", "reset Soft", "awaitBoot", "readBack", "finish applied"])
    }

    @Test func aResumedLicenceAlreadyWrittenNeedsNoSecret() {
        let plan = RunPlan.Station(station: "A", unlock: .init(write: Self.licence.write.masked, expect: ["scn"]), writes: [Self.limits[0]])
        var run = StationRun(plan: plan)
        run.replay([.connected(firmware: "6.4.0"), .backedUp(StationConfiguration(Self.factory.merging(["UnlockedFeatures": "4"]) { $1 }), path: "/b.json"),
                    .wrote([.accepted]), .resetAnswered(.soft, accepted: true), .booted(firmware: "6.4.0")])
        var station = Station(configuration: Self.factory)
        let (trace, _) = drive(&run, &station, first: run.resume())
        #expect(trace == ["connect", "readBack", "write Station-MaxCurrent=32", "reset Soft", "awaitBoot", "readBack", "finish applied"])
        #expect(run.backupPath == "/b.json")
    }

    @Test func aFinishedStationIsNotTouchedOnResume() {
        var run = StationRun(plan: .init(station: "A", writes: Self.limits))
        var station = Station(configuration: Self.factory)
        let (_, events) = drive(&run, &station, first: run.start())
        var resumed = StationRun(plan: .init(station: "A", writes: Self.limits))
        resumed.replay(events)
        #expect(resumed.resume() == .finish(.applied))
    }

    @Test func aResumedGroupMemberStillToMeetDoesSoOnce() {
        var run = StationRun(plan: .init(station: "A", writes: Self.scn), inGroup: true)
        run.replay([.connected(firmware: "6.4.0"), .backedUp(StationConfiguration(Self.factory), path: nil), .lost("the connection closed"),
                    .preflightDone([.unknown(station: "A")]), .arrived(failure: nil), .groupDecided([])])
        #expect(run.awaitsPreflight && run.awaitsGroup)
        var station = Station(configuration: Self.factory)
        let (trace, _) = drive(&run, &station, first: run.resume())
        #expect(trace == ["connect", "preflight", "write SCN-NetworkName=PLAZA1", "write SCN-SocketCount=3", "group", "reset Soft", "awaitBoot",
                          "readBack", "finish applied"])
    }

    @Test func aResumedGroupMemberThatArrivedFailingTellsTheGroupAgain() {
        var run = StationRun(plan: .init(station: "A", writes: Self.scn), inGroup: true)
        run.replay([.connected(firmware: "6.4.0"), .backedUp(StationConfiguration(Self.factory), path: nil), .preflightDone([]),
                    .wrote([.accepted]), .wrote([.rejected]), .wrote([.accepted]), .arrived(failure: "SCN-SocketCount was answered Rejected")])
        #expect(run.awaitsGroup && !run.awaitsPreflight)
        var station = Station(configuration: Self.factory)
        let (trace, _) = drive(&run, &station, first: run.resume())
        #expect(trace == ["connect", "group SCN-SocketCount was answered Rejected", "reset Soft", "awaitBoot",
                          "finish rolledBack(reason: \"SCN-SocketCount was answered Rejected\")"])
    }
}
