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
        /// Where the link's mapping comes from (SPEC §3): `manual`, `confirmed`, `contested`, `inferred`, or `alias`
        /// when the key-alias file names it.
        @EncodedAsNull var evidence: String?
        /// Neither confirmed, nor aliased, nor listed by the station itself (a known `from`): check the key first.
        var unconfirmed: Bool
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
        let aliased = aliases.overrides(setting, on: link)
        let evidence = aliased ? "alias" : setting.evidence.on(link)?.rawValue
        let unconfirmed = !aliased && setting.evidence.on(link) != .confirmed && change.from == nil
        return ChangeDocument(setting: setting.id.rawValue, key: aliases.ocppKey(for: setting), from: wire(change.from), to: wire(change.to),
                              evidence: evidence, unconfirmed: unconfirmed)
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
                // SPEC §3: a change whose mapping is not confirmed is marked, with its evidence.
                let mark = change.unconfirmed ? " (\(change.evidence ?? "unconfirmed"))" : ""
                table.append([change.setting, (change.key ?? "(none over OCPP)") + mark, change.from ?? "?", change.to ?? ""])
            }
            lines += table.lines().map { "  " + $0.trimmingTrailingSpaces }
            if station.unlockReboot { lines.append("  then Reset and check UnlockedFeatures (the licence key's own reboot)") }
            if station.reboot { lines.append("  then one Reset for the settings") }
            lines.append("")
        }
        if stationDocuments.contains(where: { $0.changes.contains(where: \.unconfirmed) }) {
            lines.append("Keys marked (manual), (contested) or (inferred) are not confirmed on a real station: `chargectl config get`")
            lines.append("shows the station's own names; a key-alias file (--key-aliases) corrects a name, an HTTPS id or a value.")
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
