import ChargeIO
import OCPP16
import Synchronization

/// A station for executor and command tests: a configuration table, scripted answers per key, a Reset that
/// "reboots" it (the next `waitForStation(replacing:)` gets a new connection with a BootNotification), an optional
/// dropped connection after N writes, and a licence key that unlocks features at the reboot.
public final class ScriptedStation: Sendable {
    public struct State: Sendable {
        public var values: [String: String]
        public var readonly: Set<String> = ["UnlockedFeatures", "GetConfigurationMaxKeys"]
        /// Keys answered with something other than Accepted (forward writes only: a restore of the key is accepted).
        public var answers: [String: ConfigurationChangeStatus] = [:]
        public var resetAnswers: [StationResetType: StationResetStatus] = [:]
        /// Every ChangeConfiguration received, in order.
        public var writes: [(key: String, value: String)] = []
        public var resets: [StationResetType] = []
        public var generation = 0
        public var online = true
        /// The connection drops (and the station stays away) when this many writes have been answered.
        public var dropAfterWrites: Int?
        public var firmware: String
        /// What `UnlockedFeatures` becomes at the first reboot after a `FeatureLicenseKey` write.
        public var featuresAfterLicence: String?
        var licenceWritten = false
        /// Keys whose written value the station does not keep (read back shows the old value).
        public var forgets: Set<String> = []
        /// The first connection is a mere reconnect: no BootNotification until one is triggered.
        public var reconnectedWithoutBoot = false
        public var triggered: [TriggerMessage.MessageTrigger] = []
    }

    public let identity: String
    public let state: Mutex<State>

    public init(_ identity: String, values: [String: String], firmware: String = "6.1.0-4159") {
        self.identity = identity
        state = Mutex(State(values: values, firmware: firmware))
    }

    public func update(_ change: (inout State) -> Void) { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var writtenKeys: [String] { snapshot.writes.map(\.key) }

    func value(_ key: String) -> (key: String, value: String)? {
        state.withLock { state in state.values.first { $0.key.lowercased() == key.lowercased() }.map { ($0.key, $0.value) } }
    }
}

/// One connection to a `ScriptedStation`: valid until the station reboots or drops.
public final class ScriptedConnection: StationConnection {
    public let station: ScriptedStation
    public let generation: Int
    public var identity: String { station.identity }
    public let bootInfo: StationBootInfo?

    init(_ station: ScriptedStation, generation: Int) {
        self.station = station
        self.generation = generation
        let state = station.snapshot
        bootInfo = state.reconnectedWithoutBoot && generation == 0 ? nil
            : StationBootInfo(vendor: "Alfen BV", model: "NG910-60023", firmwareVersion: state.firmware)
    }

    private func live(_ action: String) throws(StationError) {
        let state = station.snapshot
        guard state.online, state.generation == generation else {
            throw StationError(station: identity, action: action, reason: .connectionClosed)
        }
    }

    public func getConfiguration(keys: [String]?) async throws(StationError) -> ConfigurationListing {
        try live("GetConfiguration")
        let state = station.snapshot
        func entry(_ key: String, _ value: String) -> ConfigurationKey {
            ConfigurationKey(key: key, readonly: state.readonly.contains(key), value: value)
        }
        guard let keys, !keys.isEmpty else {
            return ConfigurationListing(keys: state.values.sorted { $0.key < $1.key }.map { entry($0.key, $0.value) })
        }
        let known = keys.compactMap { station.value($0) }.map { entry($0.key, $0.value) }
        return ConfigurationListing(keys: known, unknown: keys.filter { station.value($0) == nil })
    }

    public func changeConfiguration(key: String, value: String) async throws(StationError) -> ConfigurationChangeStatus {
        try live("ChangeConfiguration")
        let answer: ConfigurationChangeStatus? = station.state.withLock { state in
            if let limit = state.dropAfterWrites, state.writes.count >= limit {
                state.online = false
                return nil
            }
            state.writes.append((key, value))
            let existing = state.values.keys.first { $0.lowercased() == key.lowercased() }
            // Unknown keys are NotSupported, as a real station answers them.
            let answer = state.answers[key] ?? (existing == nil && key != "FeatureLicenseKey" ? .notSupported : .accepted)
            guard answer == .accepted || answer == .rebootRequired else { return answer }
            if key == "FeatureLicenseKey" { state.licenceWritten = true; return answer }
            if !state.forgets.contains(key) { state.values[existing ?? key] = value }
            return answer
        }
        guard let answer else { throw StationError(station: identity, action: "ChangeConfiguration", reason: .connectionClosed) }
        return answer
    }

    public func reset(_ type: StationResetType) async throws(StationError) -> StationResetStatus {
        try live("Reset")
        return station.state.withLock { state in
            let answer = state.resetAnswers[type] ?? .accepted
            state.resets.append(type)
            guard answer == .accepted else { return answer }
            if state.licenceWritten, let features = state.featuresAfterLicence { state.values["UnlockedFeatures"] = features }
            state.licenceWritten = false
            state.generation += 1
            return answer
        }
    }

    public func triggerMessage(_ message: TriggerMessage.MessageTrigger, connectorId: Int?) async throws(StationError) -> TriggerMessage.Status {
        try live("TriggerMessage")
        station.update { $0.triggered.append(message) }
        return .accepted
    }

    /// The boot of this connection, or (after a trigger) the one the station then sends.
    public func waitForBoot(timeout: Duration) async throws(StationError) -> StationBootInfo {
        try live("BootNotification")
        return bootInfo ?? StationBootInfo(vendor: "Alfen BV", model: "NG910-60023", firmwareVersion: station.snapshot.firmware)
    }

    public func close() async {}
}

/// A directory of scripted stations: a station is "connected" while online; after a Reset the new connection is
/// there at once (no clock involved). `shutdown` only counts, so one directory can serve several commands.
public final class ScriptedDirectory: StationDirectory {
    public let listeningAddress = "127.0.0.1:8180"
    private let stations: [String: ScriptedStation]
    private let counters = Mutex<(shutdowns: Int, configurations: [CentralSystemConfiguration])>((0, []))

    public init(_ stations: [ScriptedStation]) {
        self.stations = Dictionary(stations.map { ($0.identity, $0) }) { first, _ in first }
    }

    public var shutdowns: Int { counters.withLock { $0.shutdowns } }
    public var configurations: [CentralSystemConfiguration] { counters.withLock { $0.configurations } }

    /// What `env.centralSystem` returns in tests: this directory, remembering how it was asked for.
    public func started(with configuration: CentralSystemConfiguration) -> ScriptedDirectory {
        counters.withLock { $0.configurations.append(configuration) }
        return self
    }

    public func waitForStation(_ identity: String, timeout: Duration,
                               replacing previous: (any StationConnection)?) async throws(StationError) -> any StationConnection {
        guard let station = stations[identity] else {
            throw StationError(station: identity, reason: .notConnected(waited: timeout, lastRefusal: nil))
        }
        let state = station.snapshot
        let stale = (previous as? ScriptedConnection).map { $0.generation == state.generation } ?? false
        guard state.online, !stale else {
            throw StationError(station: identity, reason: .notConnected(waited: timeout, lastRefusal: nil))
        }
        return ScriptedConnection(station, generation: state.generation)
    }

    public func shutdown() async { counters.withLock { $0.shutdowns += 1 } }
}
