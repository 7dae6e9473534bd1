import NIOConcurrencyHelpers
import OCPP16

/// One station connection held by `serve`, driven through the control socket. Answers and failures are those of
/// serve's own connection, carried across unchanged.
final class RemoteStationConnection: StationConnection {
    let identity: String
    let token: Int
    private let directory: RemoteStationDirectory
    private let boot: NIOLockedValueBox<StationBootInfo?>

    init(identity: String, token: Int, bootInfo: StationBootInfo?, directory: RemoteStationDirectory) {
        self.identity = identity
        self.token = token
        self.directory = directory
        self.boot = NIOLockedValueBox(bootInfo)
    }

    var bootInfo: StationBootInfo? { boot.withLockedValue { $0 } }

    func getConfiguration(keys: [String]?) async throws(StationError) -> ConfigurationListing {
        var request = request(.getConfiguration)
        request.keys = keys
        let response = try await send(request, action: GetConfiguration.name)
        return ConfigurationListing(keys: response.keys ?? [], unknown: response.unknown ?? [])
    }

    func changeConfiguration(key: String, value: String) async throws(StationError) -> ConfigurationChangeStatus {
        var request = request(.changeConfiguration)
        request.key = key
        request.value = value
        return try status(try await send(request, action: ChangeConfiguration.name), action: ChangeConfiguration.name)
    }

    func reset(_ type: StationResetType) async throws(StationError) -> StationResetStatus {
        var request = request(.reset)
        request.resetType = type
        return try status(try await send(request, action: Reset.name), action: Reset.name)
    }

    func triggerMessage(_ message: TriggerMessage.MessageTrigger, connectorId: Int?) async throws(StationError) -> TriggerMessage.Status {
        var request = request(.triggerMessage)
        request.trigger = message
        request.connectorId = connectorId
        return try status(try await send(request, action: TriggerMessage.name), action: TriggerMessage.name)
    }

    func waitForBoot(timeout: Duration) async throws(StationError) -> StationBootInfo {
        var request = request(.waitForBoot)
        request.timeout = timeout.controlMilliseconds
        let response = try await Self.exchange(directory.client, request, station: identity, timeout: timeout + .seconds(5))
        guard let info = response.boot?.info else {
            throw StationError(station: identity, action: BootNotification.name, reason: .invalidReply("serve sent no boot"))
        }
        boot.withLockedValue { $0 = info }
        return info
    }

    func close() async {
        _ = await directory.client.send(request(.close), timeout: .seconds(5))
    }

    private func request(_ operation: ControlRequest.Operation) -> ControlRequest {
        ControlRequest(id: 0, op: operation, connection: token)
    }

    private func send(_ request: ControlRequest, action: String) async throws(StationError) -> ControlResponse {
        try await Self.exchange(directory.client, request, station: identity, action: action, timeout: directory.callTimeout)
    }

    private func status<S: RawRepresentable<String>>(_ response: ControlResponse, action: String) throws(StationError) -> S {
        guard let text = response.status, let status = S(rawValue: text) else {
            throw StationError(station: identity, action: action, reason: .invalidReply("serve sent no valid status"))
        }
        return status
    }

    /// One request and its answer; no answer (socket closed or deadline passed) is a closed connection.
    static func exchange(_ client: ControlClient, _ request: ControlRequest, station: String, action: String? = nil,
                         timeout: Duration) async throws(StationError) -> ControlResponse {
        guard let response = await client.send(request, timeout: timeout) else {
            let reason: StationError.Reason = client.isClosed ? .connectionClosed : .timedOut(after: timeout)
            throw StationError(station: station, action: action, reason: reason)
        }
        if let error = response.error { throw error.stationError }
        return response
    }
}
