import JSONText
import StationModel

/// The demo's proof: every setting the run changed reads back from the station as planned, and the licence took.
/// Compared by the setting's kind, so `32` and `32.0`, or `true` and `True`, are the same (SPEC §3 codecs).
enum DemoReadBack {
    struct Row: Sendable, Encodable, Equatable {
        var station: String
        var key: String
        var planned: String
        var found: String?
        var matches: Bool
    }

    /// Rows for one station from its `config get --json` document.
    static func rows(station: String, expected: [PlannedWrite], features: [String], document: JSONValue?) -> [Row] {
        let values = keyValues(document)
        var rows = expected.map { write in
            let found = values[write.key.lowercased()] ?? nil
            return Row(station: station, key: write.key, planned: write.value, found: found,
                       matches: found.map { same(write, $0) } ?? false)
        }
        let key = DemoScript.unlockedFeaturesKey
        let found = values[key.lowercased()] ?? nil
        let missing = UnlockJudge.problem(before: nil, after: found.flatMap(UnlockedFeatures.init), expected: features)
        rows.append(Row(station: station, key: key, planned: features.joined(separator: ", "), found: found, matches: missing == nil))
        return rows
    }

    /// `key → value` of a `config get --json` document (`keys: [{key, value, readonly}]`); nil value when unset.
    static func keyValues(_ document: JSONValue?) -> [String: String?] {
        guard case .array(let keys)? = document?.objectValue?["keys"] else { return [:] }
        var values: [String: String?] = [:]
        for case .object(let entry) in keys {
            guard let key = entry["key"]?.stringValue else { continue }
            values[key.lowercased()] = entry["value"]?.stringValue
        }
        return values
    }

    private static func same(_ write: PlannedWrite, _ found: String) -> Bool {
        guard let setting = write.setting else { return found == write.value }
        let kind = SettingsCatalog.setting(setting).kind
        return kind.ocppValue(found).flatMap(kind.ocppString) == kind.ocppValue(write.value).flatMap(kind.ocppString)
    }
}

extension DemoReadBack {
    /// The read-back as a table an installer checks at a glance.
    static func table(_ rows: [Row]) -> String {
        let table = TextTable(columns: [.init("station"), .init("key"), .init("planned"), .init("read back"), .init("")],
                              rows: rows.map { [$0.station, $0.key, $0.planned, $0.found ?? "—", $0.matches ? "ok" : "MISMATCH"] })
        return table.lines().map { "    \($0)\n" }.joined()
    }
}
