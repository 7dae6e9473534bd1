import AllocationCore

/// What the wizard knows before it asks: what discovery found, the presets on this machine, a site file to start
/// from, and what each station has unlocked where that is known. The shell gathers these; the wizard only reads them.
public struct WizardContext: Sendable, Equatable {
    public struct FoundStation: Sendable, Equatable {
        public var id: String
        public var host: String?
        public var model: String?
        public var sockets: Int?
        /// Site-file fields of this station the wizard does not ask about and keeps as they are (from `--site`).
        var carried: [ConfigNode.Entry] = []

        public init(id: String, host: String? = nil, model: String? = nil, sockets: Int? = nil) {
            self.id = id
            self.host = host
            self.model = model
            self.sockets = sockets
        }

        /// The station's fields that are known rather than asked.
        var fields: [ConfigNode.Entry] {
            [host.map { Self.field("host", .scalar($0, quoted: true)) }, model.map { Self.field("model", .scalar($0, quoted: true)) }]
                .compactMap { $0 } + carried
        }

        static func field(_ key: String, _ value: ConfigNode.Value) -> ConfigNode.Entry {
            ConfigNode.Entry(key: key, keyLine: 0, value: ConfigNode(value, line: 0))
        }
    }

    public var found: [FoundStation]
    public var presets: [String]
    /// `--site FILE`: its values are taken as answers; only what is missing is asked.
    public var startingSite: Site?
    /// `UnlockedFeatures` per station id known before the first question; over HTTPS the session reads the rest
    /// (`Wizard.Step.readFeatures`). A needed feature missing asks for a licence key.
    public var features: [String: UnlockedFeatures]

    public init(found: [FoundStation] = [], presets: [String] = [], startingSite: Site? = nil,
                features: [String: UnlockedFeatures] = [:]) {
        self.found = found
        self.presets = presets
        self.startingSite = startingSite
        self.features = features
    }

    func station(_ id: String) -> FoundStation? { known.first { $0.id == id } }

    /// Discovery's view of each station, completed by the starting site file's (discovery wins where both know).
    var known: [FoundStation] {
        var stations = found
        for entry in startingSite?.stations ?? [] {
            var station = stations.first { $0.id == entry.id } ?? FoundStation(id: entry.id, sockets: entry.sockets.count)
            station.host = station.host ?? entry.host
            station.model = station.model ?? entry.model
            station.carried = Self.carried(entry)
            if let index = stations.firstIndex(where: { $0.id == entry.id }) { stations[index] = station } else { stations.append(station) }
        }
        return stations
    }

    private static func carried(_ entry: StationEntry) -> [ConfigNode.Entry] {
        let field = FoundStation.field
        var fields: [ConfigNode.Entry] = []
        if entry.feeders != 1 { fields.append(field("feeders", .scalar(String(entry.feeders), quoted: false))) }
        if let socketID = entry.socketID { fields.append(field("socketId", .scalar(String(socketID), quoted: false))) }
        if let probing = entry.probingCurrent {
            fields.append(field("probingCurrent", .scalar(Quantity.decimal(probing, places: 2), quoted: false)))
        }
        if let licence = entry.licenseKey { fields.append(field("licenseKey", licence.document)) }
        if let password = entry.ocppPassword { fields.append(field("ocppPassword", password.document)) }
        return fields
    }
}
