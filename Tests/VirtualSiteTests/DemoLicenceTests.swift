import Foundation
import OCPP16
import StationModel
import Testing
@testable import VirtualSite

@Suite struct DemoLicenceTests {
    @Test func keyHasTheProductFormat() throws {
        let key = demoLicenceKey(objectNumber: 1234, features: 0x5)
        #expect(key.count == 29)
        #expect(try LicenceKey(key).normalised == key)
        #expect(key == demoLicenceKey(objectNumber: 1234, features: 0x5))
    }

    @Test(arguments: [UInt32(0x1), 0x4, 0x5, 0x1000_0017, 0])
    func roundTrip(features: UInt32) {
        let key = demoLicenceKey(objectNumber: 987_654, features: features)
        #expect(DemoLicence.features(forKey: key, objectNumber: 987_654) == features)
        // Separators and case do not matter (SPEC §3 normalisation).
        #expect(DemoLicence.features(forKey: key.lowercased().replacingOccurrences(of: ".", with: "-"), objectNumber: 987_654) == features)
    }

    @Test func keyForAnotherObjectUnlocksNothing() {
        let key = demoLicenceKey(objectNumber: 1, features: 0x5)
        #expect(DemoLicence.features(forKey: key, objectNumber: 2) == nil)
        #expect(DemoLicence.features(forKey: "0000.0000.0000.0000.0000.0000", objectNumber: 1) == nil)
        #expect(DemoLicence.features(forKey: "garbage", objectNumber: 1) == nil)
    }

    @Test func unlockAfterReboot() {
        var store = StationConfigStore(identity: Fixtures.single)
        let key = demoLicenceKey(objectNumber: 1234, features: FeatureBits.scn | FeatureBits.activeLoadBalancing)
        #expect(store.changeConfiguration(ChangeConfiguration.Request(key: "FeatureLicenseKey", value: key)) == .rebootRequired)
        #expect(store.value("UnlockedFeatures") == "0")
        store.reboot()
        #expect(store.unlockedFeatures == 0x5)
        #expect(store.value("UnlockedFeatures") == "5")
    }

    @Test func wrongKeyIsStoredButUnlocksNothing() {
        var store = StationConfigStore(identity: Fixtures.single, unlockedFeatures: 0x2)
        let wrong = demoLicenceKey(objectNumber: 4321, features: 0x5)
        #expect(store.changeConfiguration(ChangeConfiguration.Request(key: "FeatureLicenseKey", value: wrong)) == .rebootRequired)
        store.reboot()
        #expect(store.unlockedFeatures == 0x2)
    }

    @Test func objectNumberFromIdentity() {
        #expect(VirtualStationIdentity.objectNumber(for: "ACE0100201") == 100_201)
        #expect(VirtualStationIdentity.objectNumber(for: "bay") == VirtualStationIdentity.objectNumber(for: "bay"))
        #expect(VirtualStationIdentity.objectNumber(for: "bay") < 10_000_000)
    }
}
