import AllocationCore
import SharedText
import StationModel

/// The shape `plan`, `apply --dry-run` and every changing command's `--dry-run` print (SPEC §7 `plan`):
/// per station the setting, its OCPP key (null where there is none), from (null when unknown) and to as OCPP wire
/// strings, secrets as `***`.
struct PlanReport: Report {
    var plan: Plan
    var link: LinkKind
    var aliases: KeyAliases = .none

    /// `key` and `from` are null, not missing, when unknown (SPEC §3).
    struct ChangeDocument: Encodable {
        var setting: String
        @EncodedAsNull var key: String?
        @EncodedAsNull var from: String?
        @EncodedAsNull var to: String?
    }

    struct StationDocument: Encodable {
        var id: String
        var changes: [ChangeDocument]
        var reboot: Bool
        /// The licence key goes first with a Reset of its own (manual §4.4).
        var unlockReboot: Bool
    }

    enum Keys: String, CodingKey { case ok, link, stations, warnings }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(true, forKey: .ok)
        try container.encode(link.rawValue, forKey: .link)
        try container.encode(stationDocuments, forKey: .stations)
        try container.encode(plan.warnings.map(FindingDocument.init), forKey: .warnings)
    }

    var stationDocuments: [StationDocument] {
        plan.stations.map { station in
            StationDocument(id: station.station, changes: station.orderedChanges.map(document), reboot: station.reboot,
                            unlockReboot: station.unlock != nil)
        }
    }

    func document(_ change: SettingChange) -> ChangeDocument {
        let setting = SettingsCatalog.setting(change.setting)
        func wire(_ value: SettingValue?) -> String? {
            guard let value else { return nil }
            return setting.isSecret ? SecretMask.text : setting.kind.ocppString(value) ?? value.description
        }
        return ChangeDocument(setting: setting.id.rawValue, key: aliases.ocppKey(for: setting), from: wire(change.from), to: wire(change.to))
    }

    func text(colour: Bool) -> String {
        var lines: [String] = []
        for station in stationDocuments {
            lines.append(ANSIStyle.bold.apply("\(station.id)", enabled: colour)
                         + (station.changes.isEmpty ? ": nothing to change" : ": \(station.changes.count) change(s)"))
            guard !station.changes.isEmpty else { continue }
            var table = TextTable(columns: [.init("setting"), .init("OCPP key"), .init("from"), .init("to")])
            table.colour = colour
            for change in station.changes {
                table.append([change.setting, change.key ?? "(none over OCPP)", change.from ?? "?", change.to ?? ""])
            }
            lines += table.lines().map { "  " + $0.trimmingTrailingSpaces }
            if station.unlockReboot { lines.append("  then Reset and check UnlockedFeatures (the licence key's own reboot)") }
            if station.reboot { lines.append("  then one Reset for the settings") }
            lines.append("")
        }
        for warning in plan.warnings {
            lines.append(ANSIStyle.yellow.apply("warning", enabled: colour) + ": \(warning.message)")
            if !warning.hint.isEmpty { lines.append("  hint: \(warning.hint)") }
        }
        if plan.warnings.isEmpty { lines.append("No warnings.") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
