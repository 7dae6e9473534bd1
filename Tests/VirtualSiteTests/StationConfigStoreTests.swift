import OCPP16
import Testing
@testable import VirtualSite

@Suite struct StationConfigStoreTests {
    @Test func everyKeyWithoutNames() {
        let store = StationConfigStore(identity: Fixtures.single)
        let all = store.getConfiguration(GetConfiguration.Request()).configurationKey ?? []
        let names = Set(all.map(\.key))
        #expect(names.isSuperset(of: ["FeatureLicenseKey", "UnlockedFeatures", "FeatureObjectId", "SCN-NetworkName",
                                      "Station-MaxCurrent", "Connector1-MaxCurrent", "GetConfigurationMaxKeys"]))
        #expect(!names.contains("Connector2-MaxCurrent"))
        #expect(all.first { $0.key == "FeatureObjectId" }?.value == "1234")
        #expect(all.first { $0.key == "UnlockedFeatures" }?.readonly == true)
    }

    @Test func namedKeysAndUnknownOnes() {
        let store = StationConfigStore(identity: Fixtures.double)
        let answer = store.getConfiguration(GetConfiguration.Request(key: ["station-maxcurrent", "Connector2-MaxCurrent", "Nope"]))
        #expect(answer.configurationKey?.map(\.key) == ["Station-MaxCurrent", "Connector2-MaxCurrent"])
        #expect(answer.unknownKey == ["Nope"])
    }

    @Test(arguments: [
        ("Station-MaxCurrent", "20", ChangeConfiguration.Status.accepted),
        ("Station-MaxCurrent", "abc", .rejected),
        ("Station-MaxCurrent", "500", .rejected),
        ("SCN-NetworkName", "DEMO1", .rebootRequired),
        ("SCN-NetworkName", "demo1", .rejected),
        ("SCN-NetworkName", "TOOLONG8", .rejected),
        ("SCN-AlternatingPeriod", "30", .rejected),
        ("SCN-AlternatingPeriod", "900", .accepted),
        ("SCN-PhaseMapping-1", "4", .rebootRequired),
        ("SCN-PhaseMapping-1", "12", .rejected),
        ("Active-LoadBalancing", "On", .rebootRequired),
        ("Active-LoadBalancing", "Maybe", .rejected),
        ("MBTCPSmart-IPAddress", "127.000.000.001", .accepted),
        ("MBTCPSmart-IPAddress", "300.1.1.1", .rejected),
        ("ALB-ProtocolSelection", "Modbus TCP/IP", .rebootRequired),
        ("ALB-ProtocolSelection", "Carrier pigeon", .rejected),
        ("UnlockedFeatures", "255", .rejected),
        ("FeatureObjectId", "1", .rejected),
        ("FeatureLicenseKey", "not a key", .rejected),
        ("NoSuchKey", "1", .notSupported),
        ("Connector2-MaxCurrent", "16", .notSupported),
    ])
    func changeRules(key: String, value: String, expected: ChangeConfiguration.Status) {
        var store = StationConfigStore(identity: Fixtures.single)
        #expect(store.changeConfiguration(ChangeConfiguration.Request(key: key, value: value)) == expected)
    }

    @Test func storedAtOnceEffectiveAfterReboot() {
        var store = StationConfigStore(identity: Fixtures.single)
        _ = store.changeConfiguration(ChangeConfiguration.Request(key: "SCN-NetworkName", value: "DEMO1"))
        #expect(store.value("SCN-NetworkName") == "DEMO1")
        #expect(store.effectiveValue("SCN-NetworkName") == "")
        store.reboot()
        #expect(store.effectiveValue("SCN-NetworkName") == "DEMO1")
    }

    @Test func acceptedKeysTakeEffectAtOnce() {
        var store = StationConfigStore(identity: Fixtures.single)
        _ = store.changeConfiguration(ChangeConfiguration.Request(key: "Station-MaxCurrent", value: "20"))
        #expect(store.effectiveValue("Station-MaxCurrent") == "20")
    }

    @Test func rejectedValuesAreNotStored() {
        var store = StationConfigStore(identity: Fixtures.single)
        let before = store.value("Station-MaxCurrent")
        _ = store.changeConfiguration(ChangeConfiguration.Request(key: "Station-MaxCurrent", value: "abc"))
        #expect(store.value("Station-MaxCurrent") == before)
    }

    @Test func everyFactoryValueIsAcceptedBack() {
        // A restored backup of a fresh station must not be refused.
        for identity in [Fixtures.single, Fixtures.double] {
            let fresh = StationConfigStore(identity: identity)
            var store = fresh
            for entry in fresh.getConfiguration(GetConfiguration.Request()).configurationKey ?? [] where !entry.readonly {
                guard let value = entry.value, !(entry.key == "FeatureLicenseKey" && value.isEmpty) else { continue }
                let status = store.changeConfiguration(ChangeConfiguration.Request(key: entry.key, value: value))
                #expect(status == .accepted || status == .rebootRequired, "\(entry.key)=\(value): \(status)")
            }
        }
    }
}
