import ChargeIO
import JSONText
import StationModel

/// One property a simulated station serves on `/api/prop` (reference/alfen-station.md §4.3).
struct PropertyDefinition: Sendable {
    /// Where the value lives: one store, two views (an OCPP key and an HTTPS id name the same value).
    enum Binding: Sendable {
        /// A configuration key of `StationConfigStore`, converted by the codec.
        case key(String)
        /// The key when the station has it, else a value of its own (`2180_A` before `SCN-TotalSafeCurrent` exists).
        case keyOrOwn(String, default: JSONValue)
        /// A property the OCPP side has no key for, kept in `StationPropertyStore`.
        case own(default: JSONValue)
        /// `2064_0`: bit 1 is `Active-LoadBalancing`, bit 0 (static) is kept on its own.
        case loadBalancingBits
        /// `2530_1`: 3 is `MbsSlaveTCPIP` On; 0 and 1 (meter, meter + EMS monitoring) are kept on their own.
        case dataSource
        /// `21A2_0`: the features the running firmware unlocked.
        case unlockedFeatures
        /// Fixed by the station's identity.
        case fixed(JSONValue)
        /// `5221_x`: the site meter as the ALB station reads it.
        case meter(StationMeterProperties.Measure)
        /// `3600_1`: BootNotification state, 3 (accepted) while connected to the central system, else 0.
        case bootState
    }

    let id: String
    /// nil: readable only with `ids=` (licence and SCN, reference §4.2).
    let category: String?
    let binding: Binding
    let codec: PropertyCodec
    let readOnly: Bool
    /// The feature bit (alfen-station.md §4.4) a write needs to be kept; 0 for none.
    let feature: UInt32

    init(_ id: String, _ binding: Binding, _ kind: SettingKind, readOnly: Bool = false) {
        self.id = id
        self.category = Self.category(of: id)
        self.binding = binding
        self.codec = PropertyCodec(kind: kind)
        self.readOnly = readOnly
        self.feature = Self.feature(of: id)
    }

    static func category(of id: String) -> String? {
        if id.hasPrefix("2180_") || id.hasPrefix("21A") { return nil }
        if ["2522_", "2523_", "2530_", "2540_", "257"].contains(where: id.hasPrefix) { return "MbusTCP" }
        if ["20F0_", "2071_", "3600_", "2082_"].contains(where: id.hasPrefix) { return "ocpp" }
        if id.hasPrefix("5221_") { return StationMeterProperties.category }
        return "generic"
    }

    /// SCN properties need the SCN bit, load-balancing and EMS properties the ALB bit (reference §1.2, §4.4).
    static func feature(of id: String) -> UInt32 {
        if id.hasPrefix("2180_") { return FeatureBits.scn }
        let alb = ["2064_0", "5217_0", "2067_0", "2068_0", "2069_0", "206F_0", "216C_0"]
        if alb.contains(id) || ["2522_", "2523_", "2530_", "257"].contains(where: id.hasPrefix) { return FeatureBits.activeLoadBalancing }
        return 0
    }
}

/// The properties of a simulated station: the settings catalog's HTTPS ids (SPEC §3) bound to the same
/// configuration the OCPP side reads and writes, plus identity, licence, meter-test and state properties.
enum StationPropertyTable {
    static let categories = ["generic", "meter4", "MbusTCP", "ocpp"]

    static func definitions(for identity: VirtualStationIdentity, backOfficeURL: String) -> [PropertyDefinition] {
        var rows: [PropertyDefinition] = [
            PropertyDefinition("1008_0", .fixed(.string("NG910")), .text(maxLength: 32), readOnly: true),
            PropertyDefinition("100A_0", .fixed(.string(identity.firmware)), .text(maxLength: 32), readOnly: true),
            PropertyDefinition("2050_0", .fixed(.string(identity.model)), .text(maxLength: 32), readOnly: true),
            PropertyDefinition("2051_0", .fixed(.string(String(identity.objectNumber))), .text(maxLength: 32), readOnly: true),
            PropertyDefinition("2053_0", .fixed(.string(identity.identity)), .text(maxLength: 32), readOnly: true),
            PropertyDefinition("205E_0", .fixed(.integer(identity.sockets)), .integer(1...2), readOnly: true),
            PropertyDefinition("2082_0", .fixed(.string("1.6")), .text(maxLength: 8), readOnly: true),
            PropertyDefinition("3600_1", .bootState, .integer(0...4), readOnly: true),
            PropertyDefinition("2540_0", .fixed(.integer(0)), .integer(0...4), readOnly: true),
            PropertyDefinition("21A0_0", .fixed(.string(DemoLicence.hex8(DemoLicence.tag(identity.objectNumber)))),
                               .text(maxLength: 32), readOnly: true),
            // SCN total safe current: kept under the OCPP key once the station has it (a factory station lists
            // no `SCN-TotalSafeCurrent`, yet answers 2180_A with its default).
            PropertyDefinition("2180_A", .keyOrOwn("SCN-TotalSafeCurrent", default: .integer(32)), .amperes(0...1000)),
            // The central meter's "enabled" (reference §4.3 `2522_x`), the id the installer's "ModbusTCP balancing
            // enabled" box is also reported under (SPEC §3, contested): listed and writable beside 2523_1.
            PropertyDefinition("2522_1", .own(default: .integer(0)), .bool(.trueFalse)),
        ]
        // The meter test's properties (reference §4.3): REAL32, read-only, in category meter4.
        for property in StationMeterProperties.all {
            rows.append(PropertyDefinition(property.id, .meter(property.measure), .amperes(-1e9...1e9), readOnly: true))
        }
        for setting in SettingsCatalog.all {
            rows += definitions(setting, identity: identity, backOfficeURL: backOfficeURL)
        }
        var seen = Set<String>()
        return rows.filter { seen.insert($0.id).inserted }
    }

    private static func definitions(_ setting: Setting, identity: VirtualStationIdentity, backOfficeURL: String) -> [PropertyDefinition] {
        if setting.id == .connector2MaxCurrent && identity.sockets < 2 { return [] }
        switch (setting.https, setting.id) {
        case (_, .unlockedFeatures):
            return [PropertyDefinition("21A2_0", .unlockedFeatures, .integer(0...Int(UInt32.max)), readOnly: true)]
        case (.bit(let id, _), _):
            return [PropertyDefinition(id, .loadBalancingBits, .integer(0...255))]
        case (.sharedValue(let id, _, _), _), (.property(let id), .albDataSource):
            return [PropertyDefinition(id, .dataSource, SettingsCatalog.setting(.albDataSource).kind)]
        case (.firmwareDependent, _):
            let text = SettingKind.text(maxLength: 500)
            return BackOfficeURL.wireValues(backOfficeURL, firmware: identity.firmware).map { id, value in
                PropertyDefinition(id, .own(default: .string(value)), text)
            }
        case (.property(let id), _):
            if let key = setting.ocppKey { return [PropertyDefinition(id, .key(key), setting.kind)] }
            let initial = setting.defaultValue.flatMap(PropertyCodec(kind: setting.kind).json) ?? .integer(0)
            return [PropertyDefinition(id, .own(default: initial), setting.kind)]
        case (.registerMap, _):
            // Kept as written; the simulated meter is read by the site, not through this map.
            return CustomRegisterMap.propertyIDs.map { PropertyDefinition($0, .own(default: .integer(0)), .integer(-1_000_000...1_000_000)) }
        case (.derived, _), (.unsupported, _):
            return []
        }
    }

    /// The URL a station dials from its back-office properties (either firmware's ids).
    static func backOfficeURL(_ values: [String: JSONValue]) -> String? {
        BackOfficeURL.url(from: values.compactMapValues(\.stringValue))
    }
}
