import ChargeIO
import StationModel

/// `config get`'s result: SPEC §7 `{ok, station, keys: [{key, value, readonly}], unknown}`, secrets as `***`.
struct ConfigGetReport: Report {
    struct Key: Encodable {
        var key: String
        /// null, not absent, for a key the station knows but has not set: every entry has the same three fields.
        var value: String?
        var readonly: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
            try container.encode(readonly, forKey: .readonly)
        }

        enum CodingKeys: String, CodingKey { case key, value, readonly }
    }

    var station: String
    var keys: [Key]
    var unknown: [String]

    init(station: String, configuration: ConfigurationListing) {
        self.station = station
        keys = configuration.keys.map { Key(key: $0.key, value: $0.displayValue, readonly: $0.readonly) }
        unknown = configuration.unknown
    }

    enum CodingKeys: String, CodingKey { case ok, station, keys, unknown }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(true, forKey: .ok)
        try container.encode(station, forKey: .station)
        try container.encode(keys, forKey: .keys)
        try container.encode(unknown, forKey: .unknown)
    }

    /// `UnlockedFeatures` with its feature names (`5 (scn, alb)`), as `unlock` reports it; other keys as they are.
    static func shown(_ key: Key) -> String {
        guard let value = key.value else { return "(not set)" }
        let setting = SettingsCatalog.setting(.unlockedFeatures)
        guard key.key == setting.ocppKey || setting.https.propertyIDs.contains(key.key),
              let features = UnlockedFeatures(value), features.bits != 0, UInt64(value) != nil || value.lowercased().hasPrefix("0x") else {
            return value
        }
        return "\(value) (\(features.featureNames.joined(separator: ", ")))"
    }

    func text(colour: Bool) -> String {
        var table = TextTable(columns: [.init("KEY"), .init("VALUE"), .init("ACCESS")])
        table.colour = colour
        table.headerStyle = .bold
        for key in keys { table.append([key.key, Self.shown(key), key.readonly ? "read-only" : "read-write"]) }
        var lines = ["\(station): \(keys.count) key\(keys.count == 1 ? "" : "s")", table.render()]
        if !unknown.isEmpty { lines.append("unknown to the station: " + unknown.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
