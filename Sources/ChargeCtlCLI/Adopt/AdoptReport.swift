import SharedText
import StationModel

/// `adopt`'s result (SPEC §7: `station`, `previous` masked where secret, `centralSystem`, `booted`), and what it
/// saved. `booted` is the BootNotification received on our central system; with `--release`, the station answering
/// its HTTPS API again after the reboot (its BootNotification goes to the restored back office, not to us).
struct AdoptReport: Report, Sendable {
    enum Action: String, Encodable, Sendable { case adopt, release }

    var action: Action
    var station: String
    var host: String
    var firmware: String
    /// The back-office properties as the station had them before this command, by id.
    var previous: [String: String]
    /// The URL the station dials now (written by adopt, or restored by --release); nil for none.
    var centralSystem: String?
    var booted = false
    /// The adopt backup written (adopt) or written back (release).
    var backup: String?
    /// Whether anything was written.
    var changed = false
    var failure: CommandFailure?

    var previousURL: String? { BackOfficeURL.url(from: previous) }

    enum Keys: String, CodingKey { case ok, action, station, host, firmware, previous, centralSystem, booted, backup, changed, error }
    enum PreviousKeys: String, CodingKey { case url, properties }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(failure == nil, forKey: .ok)
        try container.encode(action, forKey: .action)
        try container.encode(station, forKey: .station)
        try container.encode(host, forKey: .host)
        try container.encode(firmware, forKey: .firmware)
        var old = container.nestedContainer(keyedBy: PreviousKeys.self, forKey: .previous)
        try old.encode(previousURL.map(SecretMask.maskingPassword(inURL:)), forKey: .url)
        try old.encode(previous.mapValues(SecretMask.maskingPassword(inURL:)), forKey: .properties)
        try container.encode(centralSystem.map(SecretMask.maskingPassword(inURL:)), forKey: .centralSystem)
        try container.encode(booted, forKey: .booted)
        try container.encode(backup, forKey: .backup)
        try container.encode(changed, forKey: .changed)
        try container.encodeIfPresent(failure.map(ReportOutput.FailureDocument.Detail.init), forKey: .error)
    }

    func text(colour: Bool) -> String {
        let shown = { (url: String?) in url.map(SecretMask.maskingPassword(inURL:)) ?? "(none)" }
        let done = switch (action, failure == nil) {
        case (.adopt, true): "adopted"
        case (.release, true): changed ? "released" : "already has its saved back office"
        case (.adopt, false): "not adopted"
        case (.release, false): "not released"
        }
        var table = TextTable(columns: [.init(""), .init("")])
        table.colour = colour
        table.headerRule = false
        table.append(["previous back office", shown(previousURL)])
        table.append([action == .adopt ? "central system" : "restored back office", shown(centralSystem)])
        if let backup { table.append([action == .adopt ? "saved to" : "from backup", backup]) }
        if changed || booted {
            table.append([action == .adopt ? "BootNotification" : "back after reboot", booted ? "received" : "not seen"])
        }
        let body = table.lines().dropFirst().map { "  " + $0.trimmingSpaces }.joined(separator: "\n")
        var text = "\(station) (\(host), firmware \(firmware)) \(done)\n" + body + "\n"
        if action == .adopt, failure == nil {
            text += "OCPP commands reach it now; `chargectl adopt \(host) --release` puts the previous back office back.\n"
        }
        return text
    }
}
