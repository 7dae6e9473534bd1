import Foundation
import NIOCore

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

    /// What a command finds at serve's control socket.
    public enum Contact: Sendable {
        /// No serve: no socket file, or a stale one nothing listens on.
        case absent
        /// A serve holds the socket but does not answer (out of file descriptors, say): the command must not open
        /// a listener of its own beside it.
        case silent
        case connected(RemoteStationDirectory)
    }

    /// Connects to serve's socket and asks for its listener; `.silent` when something holds the socket but no
    /// answer comes within `timeout`.
    public static func contact(path: String, timeout: Duration = .seconds(2),
                               callTimeout: Duration = .seconds(300)) async -> Contact {
        let client: ControlClient
        do {
            client = try await ControlClient.connect(path: path)
        } catch {
            // A missing or stale socket refuses the connect at once (ENOENT, ECONNREFUSED); a full backlog
            // (EAGAIN) means a serve that has stopped accepting.
            guard let io = error as? IOError, [EAGAIN, EWOULDBLOCK, ETIMEDOUT].contains(io.errnoCode) else { return .absent }
            return .silent
        }
        guard let hello = await client.send(ControlRequest(id: 0, op: .hello), timeout: timeout),
              let address = hello.listeningAddress else {
            let closed = client.isClosed
            await client.close()
            // Closed on us without an answer: a serve on its way out, so no serve.
            return closed ? .absent : .silent
        }
        return .connected(RemoteStationDirectory(listeningAddress: address, client: client, callTimeout: callTimeout))
    }

    /// Connects to serve's socket; nil when no serve answers there within `timeout`.
    public static func connect(path: String, timeout: Duration = .seconds(2),
                               callTimeout: Duration = .seconds(300)) async -> RemoteStationDirectory? {
        guard case .connected(let remote) = await contact(path: path, timeout: timeout, callTimeout: callTimeout) else { return nil }
        return remote
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
