import ChargeIO
import Logging

/// SPEC §1 `serve`: while serve runs, the other commands use its station connections (a second listener on the
/// same port would fail, and the stations are connected to serve anyway).
public enum ServeReuse {
    public static func centralSystem(socket: String?) -> @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory {
        { configuration, logger in
            if let socket, let remote = await RemoteStationDirectory.connect(path: socket) {
                logger.notice("using the stations of chargectl serve (\(socket))")
                return remote
            }
            return try await CentralSystem.start(configuration, logger: logger)
        }
    }
}
