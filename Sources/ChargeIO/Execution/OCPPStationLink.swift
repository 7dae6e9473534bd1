import OCPP16
import StationModel

/// The OCPP station link: the station dials a central system — this process's own, or `serve`'s through its
/// control socket, both a `StationDirectory` — and is read and written with GetConfiguration and
/// ChangeConfiguration, one key per call (SPEC §3).
public final class OCPPStationLink: StationLink, @unchecked Sendable {
    public let station: String
    let directory: any StationDirectory
    /// Guarded by the run: a link is driven by one station's run, one call at a time.
    private var connection: (any StationConnection)?

    public init(station: String, directory: any StationDirectory) {
        self.station = station
        self.directory = directory
    }

    public var address: String { directory.listeningAddress }

    public func waitForStation(timeout: Swift.Duration) async throws(StationError) -> StationPresence {
        let connection = try await directory.waitForStation(station, timeout: timeout, replacing: nil)
        self.connection = connection
        return StationPresence(firmware: connection.bootInfo?.firmwareVersion)
    }

    public func readAll() async throws(StationError) -> ConfigurationListing {
        try await current().getConfiguration(keys: nil)
    }

    public func read(keys: [String]) async throws(StationError) -> ConfigurationListing {
        guard !keys.isEmpty else { return ConfigurationListing(keys: []) }
        return try await current().getConfiguration(keys: keys)
    }

    public func write(_ batch: [PlannedWrite]) async throws(StationError) -> [WriteStatus] {
        var answers: [WriteStatus] = []
        for write in batch {
            let answer = try await current().changeConfiguration(key: write.key, value: write.value)
            answers.append(WriteStatus(rawValue: answer.rawValue) ?? .rejected)
        }
        return answers
    }

    public func reboot(_ kind: StationRun.ResetKind) async throws(StationError) -> Bool {
        try await current().reset(kind == .soft ? .soft : .hard) == .accepted
    }

    public func waitForReboot(timeout: Swift.Duration) async throws(StationError) -> StationPresence {
        let fresh = try await directory.waitForStation(station, timeout: timeout, replacing: connection)
        connection = fresh
        return StationPresence(firmware: try await fresh.waitForBoot(timeout: timeout).firmwareVersion)
    }

    /// OCPP 1.6 §4.2: a station sends BootNotification after it boots and not on a mere reconnect, so a boot on
    /// the connection a resume found means the journaled reset took place.
    public func bootedSinceConnect(within timeout: Swift.Duration) async -> StationPresence? {
        guard let connection, let boot = try? await connection.waitForBoot(timeout: timeout) else { return nil }
        return StationPresence(firmware: boot.firmwareVersion)
    }

    public func close() async {}

    func current() throws(StationError) -> any StationConnection {
        guard let connection else { throw StationError(station: station, reason: .connectionClosed) }
        return connection
    }

    /// The firmware from the connection's BootNotification; a station that merely reconnected sent none, so it is
    /// asked for one (TriggerMessage, OCPP 1.6 §5.17), waiting at most 30 s. nil when it still does not say.
    public func firmware(timeout: Swift.Duration) async -> String? {
        guard let connection else { return nil }
        if let known = connection.bootInfo?.firmwareVersion { return known }
        guard (try? await connection.triggerMessage(.bootNotification, connectorId: nil)) == .accepted else { return nil }
        return (try? await connection.waitForBoot(timeout: min(timeout, .seconds(30))))?.firmwareVersion
    }
}
