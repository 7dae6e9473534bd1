import Testing
@testable import StationModel

/// SPEC §1's unlock judgement and the executor's "already at its target" test, as pure functions.
@Suite struct UnlockedFeaturesTests {
    @Test(arguments: [("7", 7), ("0x15", 0x15), ("0X4", 4), ("scn, alb", 5), ("scn alb static-lb", 7), ("", 0)] as [(String, UInt64)])
    func parsesDecimalHexAndNames(text: String, bits: UInt64) {
        #expect(UnlockedFeatures(text)?.bits == bits)
    }

    @Test func rejectsWhatIsNoneOfThese() {
        #expect(UnlockedFeatures("lots") == nil)
        #expect(UnlockedFeatures("0xZZ") == nil)
    }

    @Test func judgesExpectedAndGainedFeatures() {
        let none = UnlockedFeatures(bits: 0), alb = UnlockedFeatures(bits: 4), scnALB = UnlockedFeatures(bits: 5)
        #expect(UnlockJudge.problem(before: none, after: scnALB, expected: ["alb", "scn"]) == nil)
        #expect(UnlockJudge.problem(before: none, after: alb, expected: ["scn"])?.contains("lacks scn") == true)
        #expect(UnlockJudge.problem(before: none, after: alb, expected: []) == nil)
        #expect(UnlockJudge.problem(before: alb, after: alb, expected: [])?.contains("gained no feature") == true)
        #expect(UnlockJudge.problem(before: none, after: nil, expected: []) != nil)
    }

    @Test(arguments: [("3.3.9", false), ("3.4.0", true), ("3.4.0-1234", true), ("6.1.0-4159", true), ("2", false), (nil, true)] as [(String?, Bool)])
    func licencesStartAtFirmware340(firmware: String?, needed: Bool) {
        #expect(UnlockJudge.needsLicence(firmware: firmware) == needed)
    }

    @Test func aWriteIsSatisfiedByTheSameValueInItsType() {
        let amps = PlannedWrite(setting: .stationMaxCurrent, key: "Station-MaxCurrent", value: "32")
        #expect(amps.isSatisfied(by: "32.0") && !amps.isSatisfied(by: "16") && !amps.isSatisfied(by: nil))
        let raw = PlannedWrite(rawKey: "HeartbeatInterval", value: "60")
        #expect(raw.setting == nil && raw.isSatisfied(by: "60") && !raw.isSatisfied(by: "060"))
        #expect(PlannedWrite(rawKey: "station-maxcurrent", value: "1").setting == .stationMaxCurrent)
        let secret = PlannedWrite(rawKey: "AuthorizationKey", value: "x")
        #expect(secret.isSecret && !secret.isSatisfied(by: "x"), "a secret cannot be compared: always written")
    }
}
