import AllocationCore
import Testing
@testable import StationModel

/// SPEC §3 (issue 16): the alias file overrides an OCPP key, an HTTPS id and a value's spelling, optionally per
/// firmware prefix; the run compiles its writes with them.
@Suite struct KeyAliasRuleTests {
    static let aliases = KeyAliases(rules: [
        "alb.enabled": [KeyAliases.Rule(firmware: "7.", values: ["On": "true", "1": "3"]), KeyAliases.Rule(values: ["On": "1"])],
        "Safe-MaxCurrent": [KeyAliases.Rule(ocpp: "SafeMaxCurrent", https: "2068_1")],
        "scn.totalSafeCurrent": [KeyAliases.Rule(firmware: "6.", ocpp: "SCN-TotalSafeCurr")],
    ])

    static let plan = Plan(stations: [StationPlan(station: "A", changes: [
        SettingChange(.albEnabled, .bool(true)), SettingChange(.albSafeCurrent, .amperes(12)), SettingChange(.scnTotalSafeCurrent, .amperes(16)),
    ])])

    func writes(_ link: LinkKind, firmware: String?) throws -> [String] {
        try RunPlan.compile(Self.plan, command: "apply", for: link, firmware: firmware.map { ["A": $0] } ?? [:], aliases: Self.aliases)
            .stations[0].writes.map { "\($0.key)=\($0.value)" }
    }

    @Test func ocppKeysAndSpellingsFollowTheFirmware() throws {
        #expect(try writes(.ocpp, firmware: "7.0.1") == ["Active-LoadBalancing=true", "SafeMaxCurrent=12", "SCN-TotalSafeCurrent=16"])
        #expect(try writes(.ocpp, firmware: "6.4.0-4210") == ["Active-LoadBalancing=1", "SafeMaxCurrent=12", "SCN-TotalSafeCurr=16"])
        // Firmware unknown (offline): a rule for a firmware prefix does not apply.
        #expect(try writes(.ocpp, firmware: nil) == ["Active-LoadBalancing=1", "SafeMaxCurrent=12", "SCN-TotalSafeCurrent=16"])
    }

    @Test func httpsIDsAndSpellingsToo() throws {
        // Over HTTPS the catalog spells On as 1; the 7.x rule respells 1 as 3.
        #expect(try writes(.https, firmware: "7.2") == ["2064_0=3", "2068_1=12", "2180_A=16"])
        #expect(try writes(.https, firmware: "6.4") == ["2064_0=1", "2068_1=12", "2180_A=16"])
    }

    @Test func overridesTellWhoseMappingItIs() {
        let safe = SettingsCatalog.setting(.albSafeCurrent)
        #expect(Self.aliases.overrides(safe, on: .ocpp) && Self.aliases.overrides(safe, on: .https))
        #expect(!Self.aliases.overrides(SettingsCatalog.setting(.albEnabled), on: .ocpp), "values only")
        #expect(!Self.aliases.overrides(SettingsCatalog.setting(.scnTotalSafeCurrent), on: .ocpp, firmware: nil))
        #expect(Self.aliases.overrides(SettingsCatalog.setting(.scnTotalSafeCurrent), on: .ocpp, firmware: "6.1"))
    }

    @Test func everyMappingCarriesItsEvidence() {
        for setting in SettingsCatalog.all {
            #expect((setting.evidence.ocpp != nil) == (setting.ocppKey != nil), "\(setting.id)")
            #expect((setting.evidence.https != nil) == (setting.https != .unsupported), "\(setting.id)")
        }
        #expect(SettingsCatalog.setting(.stationMaxCurrent).evidence.ocpp == .confirmed)
        #expect(SettingsCatalog.setting(.scnName).evidence.ocpp == .manual)
        #expect(SettingsCatalog.setting(.tcpMeterEnabled).evidence.https == .contested)
        #expect(SettingsCatalog.setting(.scnEnabled).evidence.https == .inferred)
        #expect(SettingsCatalog.setting(.scnTotalSafeCurrent).evidence == LinkEvidence(ocpp: .manual, https: .confirmed))
        #expect(SettingsCatalog.all.filter { $0.evidence.ocpp == .confirmed }.map(\.id) == [.stationMaxCurrent])
    }
}
