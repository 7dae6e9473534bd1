import StationModel

/// How a run reaches one station (SPEC §3): OCPP as the central system it dials, or its local HTTPS API. The run's
/// driver speaks only this protocol, so every rule of a run is written once, in `StationRun`.
///
/// Every call is bounded in time and fails with a `StationError` naming the station.
public protocol StationLink: Sendable {
    var station: String { get }
    /// Where the station reaches us or we reach it, for messages (`127.0.0.1:8180`).
    var address: String { get }

    /// Waits up to `timeout` for the station to be reachable; its firmware when it said so unasked.
    func waitForStation(timeout: Swift.Duration) async throws(StationError) -> StationPresence

    /// Asks the station for its firmware (OCPP: a triggered BootNotification); nil when it does not say.
    func firmware(timeout: Swift.Duration) async -> String?

    /// The full configuration (SPEC §6 backup).
    func readAll() async throws(StationError) -> ConfigurationListing

    /// Named keys; those the station does not know come back in `unknown`.
    func read(keys: [String]) async throws(StationError) -> ConfigurationListing

    /// One answer per write, in order (OCPP: one ChangeConfiguration each; HTTPS: one batch of at most 15).
    func write(_ batch: [PlannedWrite]) async throws(StationError) -> [WriteStatus]

    /// Asks the station to reboot; false when it refuses.
    func reboot(_ kind: StationRun.ResetKind) async throws(StationError) -> Bool

    /// After an accepted reboot: waits for the station to come back and boot.
    func waitForReboot(timeout: Swift.Duration) async throws(StationError) -> StationPresence

    /// After a resume: whether the station booted since the run lost it (within `timeout`), so that a reset the
    /// journal shows is not sent twice.
    func bootedSinceConnect(within timeout: Swift.Duration) async -> StationPresence?

    /// Lets go of the station (HTTPS: logs out).
    func close() async
}

/// What a station says about itself when it is reached.
public struct StationPresence: Sendable, Equatable {
    public var firmware: String?
    /// The identity the station gave unasked (HTTPS `/api/info`); nil when it did not.
    public var identity: String?
    public init(firmware: String?, identity: String? = nil) {
        self.firmware = firmware
        self.identity = identity
    }
}

extension ConfigurationListing {
    /// Key → value for the run core; with `masked`, secrets as the mask (what a journal may hold).
    public func settings(masked: Bool) -> StationModel.StationConfiguration {
        StationModel.StationConfiguration(Dictionary(keys.map { ($0.key, (masked ? $0.displayValue : $0.value) ?? "") }) { first, _ in first },
                                          readOnly: Set(keys.filter(\.readonly).map(\.key)))
    }
}
