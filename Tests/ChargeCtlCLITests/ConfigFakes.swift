import ChargeCtlCLI
import ChargeIO
import Foundation
import Synchronization
import OCPP16

/// A station that answers from a table, or fails every call with `failure`.
final class FakeStation: StationConnection {
    let identity: String
    let bootInfo: StationBootInfo?
    let keys: [ConfigurationKey]
    let failure: StationError.Reason?
    private let asked = Mutex<[[String]?]>([])

    init(identity: String = "CP1", keys: [ConfigurationKey], failure: StationError.Reason? = nil) {
        self.identity = identity
        self.keys = keys
        self.failure = failure
        bootInfo = StationBootInfo(vendor: "Alfen BV", model: "NG910-60023", firmwareVersion: "6.1.0-4159")
    }

    var requests: [[String]?] { asked.withLock { $0 } }

    func getConfiguration(keys names: [String]?) async throws(StationError) -> ConfigurationListing {
        asked.withLock { $0.append(names) }
        if let failure { throw StationError(station: identity, action: "GetConfiguration", reason: failure) }
        guard let names, !names.isEmpty else { return ConfigurationListing(keys: keys) }
        let known = keys.filter { key in names.contains { $0.lowercased() == key.key.lowercased() } }
        let unknown = names.filter { name in !keys.contains { $0.key.lowercased() == name.lowercased() } }
        return ConfigurationListing(keys: known, unknown: unknown)
    }

    func changeConfiguration(key: String, value: String) async throws(StationError) -> ConfigurationChangeStatus { .accepted }
    func reset(_ type: StationResetType) async throws(StationError) -> StationResetStatus { .accepted }
    func triggerMessage(_ message: TriggerMessage.MessageTrigger, connectorId: Int?) async throws(StationError) -> TriggerMessage.Status {
        .accepted
    }
    func waitForBoot(timeout: Duration) async throws(StationError) -> StationBootInfo {
        guard let bootInfo else { throw StationError(station: identity, reason: .timedOut(after: timeout)) }
        return bootInfo
    }
    func close() async {}
}

/// A central system whose station is already connected (or never connects), recording how it was configured.
final class FakeDirectory: StationDirectory {
    let station: FakeStation?
    let listeningAddress: String
    private let state = Mutex<(configurations: [CentralSystemConfiguration], shutdowns: Int)>(([], 0))

    init(station: FakeStation?, listeningAddress: String = "127.0.0.1:8180") {
        self.station = station
        self.listeningAddress = listeningAddress
    }

    var configurations: [CentralSystemConfiguration] { state.withLock { $0.configurations } }
    var shutdowns: Int { state.withLock { $0.shutdowns } }

    func started(with configuration: CentralSystemConfiguration) -> FakeDirectory {
        state.withLock { $0.configurations.append(configuration) }
        return self
    }

    func waitForStation(_ identity: String, timeout: Duration,
                        replacing previous: (any StationConnection)?) async throws(StationError) -> any StationConnection {
        guard let station, station.identity == identity else {
            throw StationError(station: identity, reason: .notConnected(waited: timeout, lastRefusal: nil))
        }
        return station
    }

    func shutdown() async { state.withLock { $0.shutdowns += 1 } }
}

enum ConfigCLI {
    static let keys: [ConfigurationKey] = [
        .init(key: "GetConfigurationMaxKeys", readonly: true, value: "20"),
        .init(key: "HeartbeatInterval", readonly: false, value: "300"),
        .init(key: "AuthorizationKey", readonly: false, value: "0123456789abcdef"),
        .init(key: "FeatureLicenseKey", readonly: false, value: "1a2b.3c4d.5e6f.7a8b.9c0d.1e2f"),
        .init(key: "SCN-NetworkName", readonly: false),
    ]
    static let now = Date(timeIntervalSince1970: 1_747_217_700.25)

    /// Runs `arguments` with `directory` standing in for the OCPP central system.
    static func run(_ arguments: [String], directory: FakeDirectory, variables: [String: String] = [:]) async throws
        -> (status: ExitStatus, console: RecordingConsole, files: RecordingFiles) {
        let test = TestEnvironment(variables: variables).withRunStorage().withClock { now }
            .withCentralSystem { directory.started(with: $0) }
        return (try await test.run(arguments), test.console, test.files)
    }
}
