/// The stations of a running `chargectl serve`, reached through its control socket: a command uses them instead of
/// opening a listener of its own (SPEC §1 `serve`: other commands reuse it while it runs).
public final class RemoteStationDirectory: StationDirectory {
    public let listeningAddress: String
    let client: ControlClient
    /// Bounds every forwarded station call on top of serve's own call timeout (a GetConfiguration may be paged).
    let callTimeout: Duration

    private init(listeningAddress: String, client: ControlClient, callTimeout: Duration) {
        self.listeningAddress = listeningAddress
        self.client = client
        self.callTimeout = callTimeout
    }

    /// Connects to serve's socket; nil when nothing answers there within `timeout` (no serve running).
    public static func connect(path: String, timeout: Duration = .seconds(2),
                               callTimeout: Duration = .seconds(300)) async -> RemoteStationDirectory? {
        // A missing or stale socket refuses the connect at once (ENOENT, ECONNREFUSED).
        guard let client = try? await ControlClient.connect(path: path) else { return nil }
        guard let hello = await client.send(ControlRequest(id: 0, op: .hello), timeout: timeout),
              let address = hello.listeningAddress else {
            await client.close()
            return nil
        }
        return RemoteStationDirectory(listeningAddress: address, client: client, callTimeout: callTimeout)
    }

    public func waitForStation(
        _ identity: String, timeout: Duration, replacing previous: (any StationConnection)?
    ) async throws(StationError) -> any StationConnection {
        var request = ControlRequest(id: 0, op: .wait, station: identity, timeout: timeout.controlMilliseconds)
        request.replacing = (previous as? RemoteStationConnection)?.token
        let response = try await RemoteStationConnection.exchange(client, request, station: identity,
                                                                  timeout: timeout + .seconds(5))
        guard let token = response.connection else {
            throw StationError(station: identity, reason: .invalidReply("serve named no connection"))
        }
        return RemoteStationConnection(identity: response.station ?? identity, token: token,
                                       bootInfo: response.boot?.info, directory: self)
    }

    /// Leaves serve and its stations running; only this command's control connection closes.
    public func shutdown() async {
        await client.close()
    }
}
