import AllocationCore
import Testing
@testable import StationModel

/// SPEC §8's checklist as pure functions: a correctly commissioned site passes, and each code is raised by the
/// one fault it names, without a socket.
@Suite struct VerifierTests {
    /// Two 3-phase stations in SCN PLAZA1, ALB from a Modbus TCP meter on the first, in a /24.
    static let site = Site(
        name: "verify", installation: Installation(phases: 3, maxCurrent: 40),
        scn: SCNSettings(name: "PLAZA1", socketSafeCurrent: 6, totalSafeCurrent: 32),
        alb: ALBSettings(source: .modbusTCP, maxCurrent: 63, safeCurrent: 16, includesChargers: true, station: "ACE1",
                         meter: MeterSettings(host: "192.168.0.4", unit: 5, preset: "socomec-countis-e27")),
        stations: [
            StationEntry(id: "ACE1", host: "192.168.0.21/24", model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)]),
            StationEntry(id: "ACE2", host: "192.168.0.22/24", phases: 3, maxCurrent: 32,
                         sockets: [SocketEntry(maxCurrent: 32), SocketEntry(maxCurrent: 32)]),
        ])

    /// What a station holds after `apply` wrote the plan over `link`.
    static func commissioned(_ site: Site = site, link: LinkKind = .ocpp) throws -> VerifyInput {
        let plan = try SitePlanner.plan(site, link: link)
        let run = try RunPlan.compile(plan, command: "test", for: link, firmware: Dictionary(uniqueKeysWithValues: site.stations.map { ($0.id, "6.1.0") }))
        let features = link == .ocpp ? "UnlockedFeatures" : "21A2_0"
        let stations = run.stations.map { station in
            var values = [features: "5"]
            for write in station.writes {
                values[write.key] = write.bitMask.map { mask in (Int(write.value) ?? 0) != 0 ? String(mask) : "0" } ?? write.value
            }
            if values[link == .ocpp ? "Active-LoadBalancing" : "2064_0"] == nil { values[link == .ocpp ? "Active-LoadBalancing" : "2064_0"] = link == .ocpp ? "Off" : "0" }
            return StationReading(id: station.station, configuration: StationConfiguration(values), firmware: "6.1.0",
                                  modbus: StationModbusView(firmware: "6.1.0", scnName: site.scn?.name ?? "", scnSockets: 3))
        }
        return VerifyInput(site: site, plan: plan, link: link, stations: stations,
                           meter: .read(address: "192.168.0.4:502", findings: [Finding(severity: .pass, code: "meter.plausible", message: "every reading is plausible")]),
                           advertised: site.stations.map { AdvertisedStation(identity: $0.id, scnNetwork: site.scn?.name) })
    }

    static func set(_ input: inout VerifyInput, _ station: Int, _ key: String, _ value: String?) {
        input.stations[station].configuration = input.stations[station].configuration?.replacing(key, with: value)
    }

    static func failing(_ input: VerifyInput) -> [Finding] { Verifier.check(input).filter { $0.severity == .fail } }

    static func codes(_ findings: [Finding], _ severity: Finding.Severity = .fail) -> Set<String> {
        Set(findings.filter { $0.severity == severity }.map(\.code))
    }

    @Test func aCommissionedSitePassesEveryCheck() throws {
        let findings = Verifier.check(try Self.commissioned())
        #expect(findings.filter { $0.severity != .pass }.isEmpty, "\(findings.filter { $0.severity != .pass }.map(\.message))")
        #expect(Verifier.exitCode(findings) == 0)
        // Every check that had something to judge says so.
        let passed = Self.codes(findings, .pass)
        for code in [VerifyCode.settingDiffers, .featureLocked, .firmwareMismatch, .firmwareTooOld, .scnName, .scnSocketCount, .scnSocketIDs,
                     .phaseRotation, .albSource, .meterImplausible, .meterSubnet, .safeCurrent, .stationOffline] {
            #expect(passed.contains(code.rawValue), "\(code.rawValue)")
        }
    }

    @Test func aCommissionedSitePassesOverHTTPSToo() throws {
        let findings = Verifier.check(try Self.commissioned(link: .https))
        #expect(findings.filter { $0.severity != .pass }.isEmpty, "\(findings.filter { $0.severity != .pass }.map(\.message))")
    }

    @Test func aSettingThatDiffersIsNamedWithBothValues() throws {
        var input = try Self.commissioned()
        Self.set(&input, 1, "Station-MaxCurrent", "20")
        let found = Self.failing(input)
        #expect(Self.codes(found) == [VerifyCode.settingDiffers.rawValue])
        let finding = try #require(found.first)
        #expect(finding.message.contains("ACE2") && finding.message.contains("Station-MaxCurrent") && finding.message.contains("20 A")
                && finding.message.contains("32 A"), "\(finding.message)")
        #expect(Verifier.exitCode(Verifier.check(input)) == 1)
    }

    @Test func aSettingTheStationDoesNotListIsReportedNotSkipped() throws {
        var input = try Self.commissioned()
        Self.set(&input, 0, "Safe-MaxCurrent", nil)
        let findings = Verifier.check(input)
        #expect(findings.contains { $0.code == VerifyCode.settingUnreadable.rawValue && $0.severity == .warn && $0.message.contains("Safe-MaxCurrent") })
    }

    @Test func aLockedFeature() throws {
        var input = try Self.commissioned()
        Self.set(&input, 0, "UnlockedFeatures", "1")
        let found = Self.failing(input)
        #expect(Self.codes(found) == [VerifyCode.featureLocked.rawValue])
        #expect(found.first?.message.contains("alb") == true)
        // Below 3.4.0 every feature is there without a licence.
        input.stations[0].firmware = "3.3.5"
        #expect(!Self.codes(Self.failing(input)).contains(VerifyCode.featureLocked.rawValue))
    }

    @Test func membersOnDifferentFirmware() throws {
        var input = try Self.commissioned()
        input.stations[1].firmware = "6.2.0"
        #expect(Self.codes(Self.failing(input)) == [VerifyCode.firmwareMismatch.rawValue])
    }

    @Test func firmwareTooOldForTheSCNAndForAModbusTCPMeter() throws {
        var input = try Self.commissioned()
        input.stations[0].firmware = "3.3.9"
        input.stations[1].firmware = "3.3.9"
        let found = Self.failing(input).filter { $0.code == VerifyCode.firmwareTooOld.rawValue }
        #expect(found.count == 1 && found[0].message.contains("3.4.0"), "\(found.map(\.message))")
        input.stations[0].firmware = "3.2"
        input.stations[1].firmware = "3.2"
        #expect(Self.failing(input).filter { $0.code == VerifyCode.firmwareTooOld.rawValue }.count == 3)
    }

    @Test func aMemberInAnotherSCNByItsSettingsModbusOrMDNS() throws {
        var input = try Self.commissioned()
        input.stations[1].modbus?.scnName = "OTHER"
        #expect(Self.codes(Self.failing(input)) == [VerifyCode.scnName.rawValue])
        input = try Self.commissioned()
        input.advertised.append(AdvertisedStation(identity: "ACE9", scnNetwork: "PLAZA1"))
        let found = Self.failing(input)
        #expect(Self.codes(found) == [VerifyCode.scnName.rawValue] && found[0].message.contains("ACE9"))
    }

    @Test func aMemberCountingTheWrongNumberOfSockets() throws {
        var input = try Self.commissioned()
        input.stations[0].modbus?.scnSockets = 2
        #expect(Self.codes(Self.failing(input)) == [VerifyCode.scnSocketCount.rawValue])
    }

    @Test func duplicateAndGappedSocketIDs() throws {
        var input = try Self.commissioned()
        Self.set(&input, 1, "SCN-SocketID", "0")
        let found = Self.failing(input).filter { $0.code == VerifyCode.scnSocketIDs.rawValue }
        #expect(found.contains { $0.message.contains("socket id 0 is taken by ACE1 and ACE2") }, "\(found.map(\.message))")
        Self.set(&input, 1, "SCN-SocketID", "2")
        #expect(Self.failing(input).contains { $0.code == VerifyCode.scnSocketIDs.rawValue && $0.message.contains("missing 1") })
    }

    @Test func mappingsOffTheRotationWarnAndPhaseConnectedAgainstTheStationFails() throws {
        var input = try Self.commissioned()
        Self.set(&input, 1, "SCN-PhaseMapping-1", "4")
        #expect(Verifier.check(input).contains { $0.code == VerifyCode.phaseRotation.rawValue && $0.severity == .warn })
        input = try Self.commissioned()
        Self.set(&input, 0, "Phase-Connected", "L2L3L1")
        #expect(Self.codes(Self.failing(input)).contains(VerifyCode.phaseRotation.rawValue))
    }

    @Test func twoALBSourcesOrNone() throws {
        var input = try Self.commissioned()
        Self.set(&input, 1, "Active-LoadBalancing", "On")
        #expect(Self.codes(Self.failing(input)) == [VerifyCode.albSource.rawValue])
        input = try Self.commissioned()
        Self.set(&input, 0, "Active-LoadBalancing", "Off")
        #expect(Self.codes(Self.failing(input)).contains(VerifyCode.albSource.rawValue))
    }

    @Test func anUnreachableMeterIsExit3() throws {
        var input = try Self.commissioned()
        input.meter = .unreachable(address: "192.168.0.4:502", reason: "connection refused")
        let findings = Verifier.check(input)
        #expect(Self.codes(findings) == [VerifyCode.meterUnreachable.rawValue])
        #expect(Verifier.exitCode(findings) == 3)
    }

    @Test func theMeterTestsOwnFindingsMakeItImplausible() throws {
        var input = try Self.commissioned()
        input.meter = .read(address: "192.168.0.4:502", findings: [
            Finding(severity: .fail, code: "meter.voltage.range", message: "L2 voltage is 12 V, outside 207–253 V", hint: "check the wiring"),
        ])
        let found = Self.failing(input)
        #expect(Self.codes(found) == [VerifyCode.meterImplausible.rawValue] && found[0].message.contains("meter.voltage.range"))
    }

    @Test func aMeterOutsideItsStationsSubnet() throws {
        var input = try Self.commissioned()
        Self.set(&input, 0, "MBTCPSmart-IPAddress", "192.168.001.004")
        let found = Self.failing(input)
        #expect(found.contains { $0.code == VerifyCode.meterSubnet.rawValue && $0.message.contains("192.168.1.4") })
    }

    @Test func anEMSValidityShorterThanTwoWrites() throws {
        var site = Self.site
        site.alb = ALBSettings(source: .ems, maxCurrent: 63, safeCurrent: 16, station: "ACE1", ems: EMSSettings(mode: .scn, validityTime: 60))
        var input = try Self.commissioned(site)
        input.emsWriteInterval = 20
        #expect(Verifier.check(input).contains { $0.code == VerifyCode.emsValidity.rawValue && $0.severity == .pass })
        input.emsWriteInterval = 45
        #expect(Self.codes(Self.failing(input)) == [VerifyCode.emsValidity.rawValue])
    }

    @Test func safeCurrentsAboveTheInstallationFailAndBelow14AWarn() throws {
        var input = try Self.commissioned()
        Self.set(&input, 0, "Safe-MaxCurrent", "50")
        #expect(Self.codes(Self.failing(input)).contains(VerifyCode.safeCurrent.rawValue))
        input = try Self.commissioned()
        Self.set(&input, 0, "Safe-MaxCurrent", "10")
        #expect(Verifier.check(input).contains { $0.code == VerifyCode.safeCurrent.rawValue && $0.severity == .warn })
    }

    @Test func anOfflineStationIsExit3AndTheRestIsStillChecked() throws {
        var input = try Self.commissioned()
        input.stations[1] = StationReading(id: "ACE2", linkError: "ACE2 did not connect within 5 s")
        Self.set(&input, 0, "Station-MaxCurrent", "16")
        let findings = Verifier.check(input)
        #expect(Self.codes(findings) == [VerifyCode.stationOffline.rawValue, VerifyCode.settingDiffers.rawValue])
        #expect(Verifier.exitCode(findings) == 3)
    }
}

@Suite struct VerifyLiveResultTests {
    @Test func theLiveTestsReportBecomesTheChartsSamples() {
        let samples = [0.0, 1, 2].map { t in
            LiveSample(t: t, meter: PhaseCurrents(l1: 30 - 5 * t, l2: 10, l3: 8),
                       sockets: [3: LiveSocketSample(current: 16 - 4 * t, phases: 1, appliedMax: 16)])
        }
        var report = LiveTestReport(plan: nil, restored: true, samples: samples, predicted: [3: 8], findings: [])
        #expect(VerifyLiveResult(report) == nil, "nothing was lowered")
        report.limit = 20
        report.settle = 1
        report.original = 50
        let result = VerifyLiveResult(report)
        #expect(result?.limit == 20 && result?.original == 50 && result?.restored == true)
        #expect(result?.samples.map { $0.meter[0] } == [30, 25, 20])
        #expect(result?.samples.last?.sockets == [3: 8])
        #expect(result?.predicted.map(\.t) == [1, 2] && result?.predicted.first?.sockets == [3: 8])
    }
}
