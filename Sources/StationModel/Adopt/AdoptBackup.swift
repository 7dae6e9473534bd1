/// What `adopt` saves before it points a station at this laptop (SPEC §3, §6: backup before write): the
/// back-office properties as the station had them, read by the ids its firmware uses, and the URL written in
/// their place. `adopt --release` writes them back. The file stays private (0600): a back-office URL may carry
/// credentials, so it is kept whole here and masked everywhere it is shown.
public struct AdoptBackup: Codable, Sendable, Equatable {
    public static let currentFormat = "chargectl.adopt-backup/1"
    /// Adopt backups sit beside the `config backup` files of the same station, told apart by this prefix.
    public static let filePrefix = "adopt-"

    public struct Property: Codable, Sendable, Equatable {
        public var id: String
        /// nil when the station did not report the property.
        public var value: String?

        public init(id: String, value: String?) {
            self.id = id
            self.value = value
        }
    }

    public var format: String
    /// Always `adopt`: says what the file is to someone who opens it.
    public var kind: String
    public var station: String
    public var host: String
    public var firmware: String
    /// ISO 8601, UTC.
    public var takenAt: String
    public var properties: [Property]
    /// The URL `adopt` wrote.
    public var centralSystem: String

    public init(station: String, host: String, firmware: String, takenAt: String, properties: [Property], centralSystem: String) {
        format = Self.currentFormat
        kind = "adopt"
        self.station = station
        self.host = host
        self.firmware = firmware
        self.takenAt = takenAt
        self.properties = properties
        self.centralSystem = centralSystem
    }

    /// The URL the station dialled before it was adopted; nil when it had none.
    public var previousURL: String? { BackOfficeURL.url(from: values) }

    public var values: [String: String] {
        Dictionary(properties.compactMap { property in property.value.map { (property.id, $0) } }) { first, _ in first }
    }

    /// What `--release` writes on a station running `firmware` whose properties read `current` now: each saved
    /// property that differs. A station whose firmware moved to the other generation of ids since gets the
    /// saved URL in its own ids.
    public func restoreWrites(firmware: String, current: [String: String]) -> [PlannedWrite] {
        let ids = BackOfficeURL.ids(firmware: firmware)
        let wanted: [(id: String, value: String)]
        if ids == properties.map(\.id) {
            wanted = properties.map { ($0.id, $0.value ?? "") }
        } else {
            wanted = BackOfficeURL.wireValues(previousURL ?? "", firmware: firmware)
        }
        return wanted.filter { current[$0.id] != $0.value }.map { PlannedWrite(setting: nil, key: $0.id, value: $0.value) }
    }

    /// `adopt-<time>.json`, from the `<time>.json` name the backup folder uses.
    public static func fileName(_ timedName: String) -> String { filePrefix + timedName }

    /// The newest adopt backup among a station folder's file names (their UTC times sort as text); nil when none.
    public static func latest(_ names: [String]) -> String? {
        names.filter { $0.hasPrefix(filePrefix) && $0.hasSuffix(".json") }.max()
    }
}
