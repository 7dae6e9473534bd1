import ChargeIO
import Logging

/// SPEC §1 `serve`: while serve runs, the other commands use its station connections (a second listener on the
/// same port would fail, and the stations are connected to serve anyway).
public enum ServeReuse {
    public static func centralSystem(socket: String?) -> @Sendable (CentralSystemConfiguration, Logger) async throws -> any StationDirectory {
        { configuration, logger in
            if let socket {
                switch await RemoteStationDirectory.contact(path: socket) {
                case .connected(let remote):
                    logger.notice("using the stations of chargectl serve (\(socket))")
                    return remote
                case .silent:
                    // A listener of our own would compete with serve for its stations, quietly (issue 14).
                    throw notAnswering(socket)
                case .absent:
                    break
                }
            }
            return try await CentralSystem.start(configuration, logger: logger)
        }
    }

    static func notAnswering(_ socket: String) -> CommandFailure {
        CommandFailure(status: .communication, code: "serve.not-answering",
                       message: "chargectl serve is running but not answering on \(socket)",
                       hint: "check serve's log (it may be out of file descriptors: raise `ulimit -n`), or stop it and run the command again")
    }
}
