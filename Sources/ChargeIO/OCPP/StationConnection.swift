import OCPP16

/// One connected station, as the commands and the plan executor see it: read and write configuration keys, reset,
/// trigger messages. SPEC §3 has two station links (OCPP now, the station's HTTPS API later); both speak this
/// protocol, so the executor's backup, journal and rollback are written once.
///
/// Every call is bounded in time and fails with a `StationError` naming the station. Calls on one connection are
/// sent one at a time, in call order (OCPP-J 1.6 §4.1.1: one outstanding CALL per direction); calls on different
/// connections run in parallel.
public protocol StationConnection: AnyObject, Sendable {
    /// The charge box identity (OCPP-J 1.6 §3.1.1: the last segment of the connection URL).
    var identity: String { get }

    /// What the station reported in its BootNotification on this connection; nil until it sends one (a mere
    /// reconnect sends none, OCPP-J 1.6 §5.4).
    var bootInfo: StationBootInfo? { get }

    /// Reads configuration keys. `nil` or `[]` reads the full configuration in one request without keys
    /// (OCPP 1.6 §5.8); named keys are asked at most `GetConfigurationMaxKeys` at a time (SPEC §1) and merged.
    /// Names compare case-insensitively (CiString50).
    func getConfiguration(keys: [String]?) async throws(StationError) -> ConfigurationListing

    /// Writes one key (OCPP 1.6 §5.3). Rejected/NotSupported are answers, not errors: the caller decides.
    func changeConfiguration(key: String, value: String) async throws(StationError) -> ConfigurationChangeStatus

    /// Asks the station to reboot (OCPP 1.6 §5.14). After `.accepted` the connection drops; wait for the new one
    /// with `StationDirectory.waitForStation(_:timeout:replacing:)`.
    func reset(_ type: StationResetType) async throws(StationError) -> StationResetStatus

    /// Asks the station to send one of its messages now (OCPP 1.6 §5.17).
    func triggerMessage(
        _ message: TriggerMessage.MessageTrigger, connectorId: Int?
    ) async throws(StationError) -> TriggerMessage.Status

    /// Waits for a BootNotification on this connection (after a Reset, OCPP 1.6 §4.2 makes one mandatory);
    /// returns at once when one was already received.
    func waitForBoot(timeout: Duration) async throws(StationError) -> StationBootInfo

    /// Closes the connection; outstanding calls fail with `.connectionClosed`.
    func close() async
}

/// Where connections come from: the OCPP central system (stations dial in), later a directory of HTTPS links.
/// The CLI is handed one through its environment, so command tests inject a fake.
public protocol StationDirectory: Sendable {
    /// The address stations reach, for progress messages: `127.0.0.1:41234` (the bound port, not `0`).
    var listeningAddress: String { get }

    /// Returns the station's current connection, waiting up to `timeout` for it to connect. With `replacing`,
    /// that connection does not count: the call waits for a newer one (the reconnect after a Reset).
    func waitForStation(
        _ identity: String, timeout: Duration, replacing previous: (any StationConnection)?
    ) async throws(StationError) -> any StationConnection

    /// Stops accepting, closes every connection and releases the listening socket.
    func shutdown() async
}

extension StationDirectory {
    public func waitForStation(_ identity: String, timeout: Duration) async throws(StationError) -> any StationConnection {
        try await waitForStation(identity, timeout: timeout, replacing: nil)
    }
}

/// The configuration read from a station: known keys (in the order asked for a named read, as reported for a full
/// read), and asked-for keys it does not know.
public struct ConfigurationListing: Sendable, Hashable {
    public var keys: [ConfigurationKey]
    public var unknown: [String]

    public init(keys: [ConfigurationKey], unknown: [String] = []) {
        self.keys = keys
        self.unknown = unknown
    }

    /// The key named `name`, compared case-insensitively (OCPP 1.6 §7.15: CiString).
    public subscript(name: String) -> ConfigurationKey? {
        keys.first { $0.key.lowercased() == name.lowercased() }
    }
}

/// The BootNotification facts a command reports or checks (firmware for SPEC §3's version rules).
public struct StationBootInfo: Sendable, Hashable {
    public var vendor: String
    public var model: String
    public var serialNumber: String?
    public var firmwareVersion: String?

    public init(vendor: String, model: String, serialNumber: String? = nil, firmwareVersion: String? = nil) {
        self.vendor = vendor
        self.model = model
        self.serialNumber = serialNumber
        self.firmwareVersion = firmwareVersion
    }
}

/// The link-neutral names of the OCPP 1.6 values a station answers with; an HTTPS link maps its answers to them.
public typealias ConfigurationKey = GetConfiguration.KeyValue
public typealias ConfigurationChangeStatus = ChangeConfiguration.Status
public typealias StationResetType = Reset.ResetType
public typealias StationResetStatus = Reset.Status
