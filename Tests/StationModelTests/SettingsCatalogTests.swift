import AllocationCore
import Testing
@testable import StationModel

/// The whole catalog loads and holds together; every value codec round-trips on both spellings.
@Suite struct SettingsCatalogTests {
    @Test func everySettingHasExactlyOneRow() {
        #expect(SettingsCatalog.all.count == SettingID.allCases.count)
        #expect(Set(SettingsCatalog.all.map(\.id)) == Set(SettingID.allCases))
        let keys = SettingsCatalog.all.compactMap { $0.ocppKey?.lowercased() }
        #expect(keys.count == Set(keys).count, "duplicate OCPP keys")
        let ids = SettingsCatalog.all.flatMap(\.https.propertyIDs).filter { $0 != "2530_1" }
        #expect(ids.count == Set(ids).count, "a property id used twice outside the shared 2530_1")
    }

    @Test func defaultsAreValuesOfTheirKind() {
        for setting in SettingsCatalog.all {
            guard let value = setting.defaultValue else { continue }
            #expect(setting.kind.ocppString(value) != nil, "\(setting.id): default \(value) does not encode")
        }
    }

    @Test(arguments: [
        (SettingID.albEnabled, SettingValue.bool(true), "On"),
        (.includesChargers, .bool(false), "False"),
        (.tcpMeterAddress, .ipv4(IPv4("192.168.0.4")!), "192.168.000.004"),
        (.tcpMeterAddress, .ipv4(IPv4("10.20.255.1")!), "010.020.255.001"),
        (.scnPhaseMapping1, .mapping(PhaseMapping(name: "L3L1L2")), "8"),
        (.scnPhaseMapping2, .mapping(nil), "0"),
        (.phaseConnected, .mapping(PhaseMapping(name: "L2L3L1")), "L2L3L1"),
        (.albProtocol, .choice("p1"), "DSMR4.x/SMR5.0 (P1)"),
        (.albProtocol, .choice("modbus-tcp"), "Modbus TCP/IP"),
        (.tcpMeterConnection, .choice("tcp"), "TCP master"),
        (.emsMode, .choice("scn"), "SCN"),
        (.albSafeCurrent, .amperes(12.5), "12.5"),
        (.stationMaxCurrent, .amperes(32), "32"),
        (.scnAlternatingPeriod, .integer(900), "900"),
    ])
    func ocppWireStrings(setting: SettingID, value: SettingValue, wire: String) {
        let kind = SettingsCatalog.setting(setting).kind
        #expect(kind.ocppString(value) == wire)
        #expect(kind.ocppValue(wire) == value)
    }

    @Test func outOfRangeValuesDoNotEncode() {
        #expect(SettingsCatalog.setting(.scnAlternatingPeriod).kind.ocppString(.integer(59)) == nil)
        #expect(SettingsCatalog.setting(.scnName).kind.ocppString(.text("TOOLONG8")) == nil)
        #expect(SettingsCatalog.setting(.scnPhaseMapping1).kind.ocppString(.mapping(nil)) == nil)
        #expect(SettingsCatalog.setting(.albEnabled).kind.ocppValue("maybe") == nil)
    }

    @Test func httpsMappingsModelEachCase() {
        #expect(SettingsCatalog.setting(.albEnabled).https == .bit("2064_0", mask: 2))
        #expect(SettingsCatalog.setting(.emsEnabled).https == .sharedValue("2530_1", value: 3))
        #expect(SettingsCatalog.setting(.smartChargingMode).https == .unsupported)
        #expect(SettingsCatalog.setting(.allowPhaseSwitching).ocppKey == nil)
        if case .derived = SettingsCatalog.setting(.scnEnabled).https {} else { Issue.record("scn.enabled is derived on HTTPS") }
        #expect(SettingsCatalog.setting(.backOfficeURL).https.propertyIDs == ["2071_1", "2071_2", "20F0_3"])
    }

    @Test func aliasesWinByIdThenByManualKey() throws {
        let aliases = KeyAliases(["scn.networkName": "SCN_Name", "safe-maxcurrent": "SafeCurrent"])
        #expect(aliases.ocppKey(for: SettingsCatalog.setting(.scnName)) == "SCN_Name")
        #expect(aliases.ocppKey(for: SettingsCatalog.setting(.albSafeCurrent)) == "SafeCurrent")
        #expect(aliases.ocppKey(for: SettingsCatalog.setting(.stationMaxCurrent)) == "Station-MaxCurrent")
        #expect(aliases.ocppKey(for: SettingsCatalog.setting(.allowPhaseSwitching)) == nil)
        // A configuration read with another case still matches (SPEC §3).
        let configuration = StationConfiguration(["scn_name": "PLAZA1", "STATION-MAXCURRENT": "32"])
        #expect(configuration.value(of: SettingsCatalog.setting(.scnName), aliases: aliases) == .text("PLAZA1"))
        #expect(configuration.value(of: SettingsCatalog.setting(.stationMaxCurrent)) == .amperes(32))
    }

    @Test func modelTableTellsPhasesAndNeverGuesses() {
        #expect(StationModels.all.count == 26)
        #expect(StationModels.lookup("NG910-60023")?.phases == 3)
        #expect(StationModels.lookup("ng910-60573")?.variant == "Mobile")
        #expect(StationModels.lookup("904460505")?.socketType == .t2s)
        #expect(StationModels.lookup("NG910-60003")?.phases == 1)
        #expect(StationModels.lookup("NG920-61001") == nil)
        #expect(StationModels.lookup("EVe-dual") == nil)
    }

    @Test(arguments: [
        ("1a2b.3c4d.5e6f.7a8b.9c0d.1e2f", "1A2B.3C4D.5E6F.7A8B.9C0D.1E2F"),
        ("1A2B-3C4D-5E6F-7A8B-9C0D-1E2F", "1A2B.3C4D.5E6F.7A8B.9C0D.1E2F"),
        ("1a2b3c4d5e6f7a8b9c0d1e2f", "1A2B.3C4D.5E6F.7A8B.9C0D.1E2F"),
        ("1 2b 3c4d 5e6f 7a8b 9c0d", "0001.002B.3C4D.5E6F.7A8B.9C0D"),
        (" 0.0.0.0.0.1 ", "0000.0000.0000.0000.0000.0001"),
    ])
    func licenceKeysNormalise(typed: String, normalised: String) throws {
        #expect(try LicenceKey(typed).normalised == normalised)
        #expect(try LicenceKey(typed).description == "***")
    }

    @Test(arguments: [
        ("", LicenceKey.Problem.empty),
        ("1a2b3c4d5e6f7a8b9c0d1e2", .wrongLength(digits: 23)),
        ("12b3c4d5e6f7a8b9c0d1e2f", .wrongLength(digits: 23)),
        ("1a2b.3c4d.5e6f.7a8b.9c0d", .wrongGroups(count: 5)),
        ("1a2b.3c4d.5e6f.7a8b.9c0d.1e2fa", .groupTooLong(index: 5)),
        ("1a2b.3c4d.5e6f.7a8b.9c0d.1e2g", .notHex("g")),
    ])
    func malformedLicenceKeys(typed: String, problem: LicenceKey.Problem) {
        #expect(throws: problem) { try LicenceKey(typed) }
    }
}
