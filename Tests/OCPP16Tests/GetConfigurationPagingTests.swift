import Testing
@testable import OCPP16

@Suite("GetConfiguration paging")
struct GetConfigurationPagingTests {
    let keys = ["A", "B", "C", "D", "E"]

    @Test func splitsByTheStationsLimit() {
        #expect(GetConfigurationPaging.batches(for: keys, maxKeys: 2).map(\.key) == [["A", "B"], ["C", "D"], ["E"]])
        #expect(GetConfigurationPaging.batches(for: keys, maxKeys: 5).map(\.key) == [keys])
        #expect(GetConfigurationPaging.batches(for: keys, maxKeys: 1).count == 5)
    }

    @Test func noKeysAsksForEverythingOnce() {
        #expect(GetConfigurationPaging.batches(for: [], maxKeys: 2) == [GetConfiguration.Request(key: nil)])
    }

    @Test func missingOrNonsenseLimitSendsOneBatch() {
        #expect(GetConfigurationPaging.batches(for: keys, maxKeys: nil).map(\.key) == [keys])
        #expect(GetConfigurationPaging.batches(for: keys, maxKeys: 0).map(\.key) == [keys])
    }

    @Test func duplicateKeysDifferingInCaseAreAskedOnce() {
        #expect(GetConfigurationPaging.batches(for: ["HeartbeatInterval", "heartbeatinterval", "X"], maxKeys: 10)
            .map(\.key) == [["HeartbeatInterval", "X"]])
    }

    @Test func readsTheLimitFromAConfirmation() {
        let confirmation = GetConfiguration.Confirmation(configurationKey: [
            .init(key: "NumberOfConnectors", readonly: true, value: "2"),
            .init(key: "getconfigurationmaxkeys", readonly: true, value: " 20 "),
        ])
        #expect(GetConfigurationPaging.maxKeys(in: confirmation) == 20)
        #expect(GetConfigurationPaging.maxKeys(in: .init(configurationKey: [
            .init(key: "GetConfigurationMaxKeys", readonly: true, value: "lots"),
        ])) == nil)
        #expect(GetConfigurationPaging.maxKeys(in: .init()) == nil)
    }

    @Test func mergesPagesInOrder() {
        let merged = GetConfigurationPaging.merge([
            .init(configurationKey: [.init(key: "A", readonly: true, value: "1"), .init(key: "B", readonly: false)],
                  unknownKey: []),
            .init(configurationKey: [.init(key: "D", readonly: false, value: "4")], unknownKey: ["C"]),
        ], requested: ["A", "B", "C", "D"])
        #expect(merged.configurationKey?.map(\.key) == ["A", "B", "D"])
        #expect(merged.configurationKey?[1].value == nil)
        #expect(merged.unknownKey == ["C"])
    }

    @Test func toleratesStationsThatIgnoreTheFilterOrOmitUnknownKeys() {
        // A station that returns everything on every page, and never fills unknownKey.
        let everything = GetConfiguration.Confirmation(configurationKey: [
            .init(key: "A", readonly: true, value: "1"), .init(key: "B", readonly: true, value: "2"),
            .init(key: "Z", readonly: true, value: "26"),
        ])
        let merged = GetConfigurationPaging.merge([everything, everything], requested: ["a", "B", "Missing"])
        #expect(merged.configurationKey?.map(\.key) == ["A", "B"])
        #expect(merged.unknownKey == ["Missing"])
    }

    @Test func knownOnAnyPageIsNeverUnknown() {
        let merged = GetConfigurationPaging.merge([
            .init(configurationKey: [], unknownKey: ["A"]),
            .init(configurationKey: [.init(key: "a", readonly: false, value: "x")], unknownKey: []),
        ])
        #expect(merged.configurationKey?.map(\.key) == ["a"])
        #expect(merged.unknownKey == [])
    }

    @Test func fullDumpKeepsEverything() {
        let merged = GetConfigurationPaging.merge([
            .init(configurationKey: [.init(key: "A", readonly: true), .init(key: "B", readonly: true)]),
        ])
        #expect(merged.configurationKey?.count == 2)
        #expect(merged.unknownKey == [])
    }
}
