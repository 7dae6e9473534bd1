import Foundation
import OCPP16

/// A station's full configuration as saved before any change (SPEC §6) and by `config backup` (SPEC §1): the
/// `config get` JSON shape plus when and from what it was read. Secret values are stored as `***` (SPEC §6), so a
/// restore skips them rather than writing the mask.
public struct ConfigurationBackup: Codable, Sendable, Hashable {
    public static let currentFormat = "chargectl.configuration-backup/1"

    public struct Key: Codable, Sendable, Hashable {
        public var key: String
        /// nil when the station knows the key but it is not set (OCPP 1.6 §7.29).
        public var value: String?
        public var readonly: Bool
    }

    public var format: String
    public var station: String
    /// ISO 8601, UTC.
    public var takenAt: String
    public var firmware: String?
    /// The link it was read over, `ocpp` or `https` (absent in backups older than the HTTPS link: OCPP). Keys are
    /// that link's names: OCPP keys, or HTTPS property ids.
    public var link: String?
    public var keys: [Key]
    public var unknown: [String]

    public init(station: String, takenAt: Date, firmware: String?, link: String? = nil, configuration: ConfigurationListing) {
        format = Self.currentFormat
        self.station = station
        self.takenAt = OCPPTimestamp(takenAt).text
        self.firmware = firmware
        self.link = link
        keys = configuration.keys.map { Key(key: $0.key, value: $0.displayValue, readonly: $0.readonly) }
        unknown = configuration.unknown
    }

    /// `<root>/<station>/<UTC time>.json`; the root is `--backup-dir`, else `$XDG_STATE_HOME/chargectl/backups`
    /// (`~/.local/state` when XDG_STATE_HOME is unset or relative, XDG Base Directory spec). The time is ISO 8601
    /// basic format (`20250514T101500.123Z`): sortable, and no `:` for file systems that refuse it.
    public static func path(station: String, at date: Date, backupDirectory: String?, variables: [String: String]) -> String? {
        let root: String
        if let backupDirectory {
            root = backupDirectory
        } else if let state = variables["XDG_STATE_HOME"], state.hasPrefix("/") {
            root = state + "/chargectl/backups"
        } else if let home = variables["HOME"], !home.isEmpty {
            root = home + "/.local/state/chargectl/backups"
        } else {
            return nil
        }
        let time = OCPPTimestamp(date).text.filter { $0 != "-" && $0 != ":" }
        return "\(root)/\(fileName(station))/\(time).json"
    }

    /// A station identity is free text in the connection URL; as a folder name it must not climb or nest.
    static func fileName(_ identity: String) -> String {
        let safe = String(identity.map { $0 == "/" || $0 == "\\" || $0 == "\0" ? "_" : $0 })
        return safe.isEmpty || safe == "." || safe == ".." ? "_" + safe : safe
    }

    /// Pretty, key-sorted JSON: diffable between two backups.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
