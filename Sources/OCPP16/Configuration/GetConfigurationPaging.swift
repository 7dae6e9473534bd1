import SharedText

/// Reads named configuration keys from a station that caps the keys per GetConfiguration request.
///
/// OCPP 1.6 §5.8: a charge point MAY limit the keys per request to its `GetConfigurationMaxKeys`; SPEC §1 asks
/// named keys at most that many at a time. Real stations are loose about it (they ignore the filter, omit
/// `unknownKey`, claim a limit they do not enforce), so the merge is tolerant: see `merge(_:requested:)`.
public enum GetConfigurationPaging {
    /// The standard key holding the limit (OCPP 1.6 §9.1, required, read-only integer).
    public static let maxKeysKey = "GetConfigurationMaxKeys"

    /// The requests to send for `keys`, in order. No keys means one request for everything (an absent `key`,
    /// OCPP 1.6 §6.23). Keys are CiString50, so duplicates differing only in case are asked once. A missing or
    /// nonsensical (< 1) limit sends all keys in one request: the station then answers or says why.
    public static func batches(for keys: [String], maxKeys: Int?) -> [GetConfiguration.Request] {
        let unique = uniqueIgnoringCase(keys)
        guard !unique.isEmpty else { return [GetConfiguration.Request(key: nil)] }
        guard let maxKeys, maxKeys >= 1 else { return [GetConfiguration.Request(key: unique)] }
        return stride(from: 0, to: unique.count, by: maxKeys).map { start in
            GetConfiguration.Request(key: Array(unique[start..<min(start + maxKeys, unique.count)]))
        }
    }

    /// The station's limit, read from a confirmation that contains `GetConfigurationMaxKeys` (values are strings
    /// on the wire); nil when absent, unset or not a positive integer.
    public static func maxKeys(in confirmation: GetConfiguration.Confirmation) -> Int? {
        let entry = confirmation.configurationKey?.first { $0.key.lowercased() == maxKeysKey.lowercased() }
        guard let text = entry?.value?.trimmingSpaces, let value = Int(text), value >= 1 else { return nil }
        return value
    }

    /// One confirmation from several pages.
    ///
    /// Known keys are kept in the order received, the first occurrence winning when a station repeats them (one
    /// that ignores the filter returns everything on every page). When `requested` is given, keys that were not
    /// asked for are dropped, and asked-for keys the station neither reported nor listed as unknown are added to
    /// `unknownKey`. A key reported as known on any page is never also unknown. Comparison ignores case.
    public static func merge(
        _ confirmations: [GetConfiguration.Confirmation], requested: [String] = []
    ) -> GetConfiguration.Confirmation {
        let wanted = Set(requested.map { $0.lowercased() })
        var known: [GetConfiguration.KeyValue] = []
        var knownNames: Set<String> = []
        for entry in confirmations.flatMap({ $0.configurationKey ?? [] }) {
            let name = entry.key.lowercased()
            guard wanted.isEmpty || wanted.contains(name), knownNames.insert(name).inserted else { continue }
            known.append(entry)
        }
        let reportedUnknown = confirmations.flatMap { $0.unknownKey ?? [] }
        let unanswered = requested.filter { !knownNames.contains($0.lowercased()) }
        let unknown = uniqueIgnoringCase(reportedUnknown + unanswered).filter {
            !knownNames.contains($0.lowercased()) && (wanted.isEmpty || wanted.contains($0.lowercased()))
        }
        return GetConfiguration.Confirmation(configurationKey: known, unknownKey: unknown)
    }

    static func uniqueIgnoringCase(_ keys: [String]) -> [String] {
        var seen: Set<String> = []
        return keys.filter { seen.insert($0.lowercased()).inserted }
    }
}
