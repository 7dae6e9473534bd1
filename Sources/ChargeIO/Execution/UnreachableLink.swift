import StationModel

/// A station a run has no link for: every call fails naming it, so the run reports it instead of crashing.
public struct UnreachableLink: StationLink {
    public let station: String
    public init(station: String) { self.station = station }
    public var address: String { "?" }
    var failure: StationError { StationError(station: station, reason: .invalidRequest("no link to this station")) }
    public func waitForStation(timeout: Swift.Duration) async throws(StationError) -> StationPresence { throw failure }
    public func firmware(timeout: Swift.Duration) async -> String? { nil }
    public func readAll() async throws(StationError) -> ConfigurationListing { throw failure }
    public func read(keys: [String]) async throws(StationError) -> ConfigurationListing { throw failure }
    public func write(_ batch: [PlannedWrite]) async throws(StationError) -> [WriteStatus] { throw failure }
    public func reboot(_ kind: StationRun.ResetKind) async throws(StationError) -> Bool { throw failure }
    public func waitForReboot(timeout: Swift.Duration) async throws(StationError) -> StationPresence { throw failure }
    public func bootedSinceConnect(within timeout: Swift.Duration) async -> StationPresence? { nil }
    public func close() async {}
}
