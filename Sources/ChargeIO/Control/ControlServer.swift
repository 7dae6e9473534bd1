import Foundation
import Logging
import NIOCore
import NIOPosix

/// `serve`'s control socket: other commands reach the stations connected to this central system through it
/// (SPEC §1 `serve`). JSON lines over a Unix domain socket, mode 0600 in a 0700 directory, so only this user's
/// commands can talk to the stations. Each request runs in its own task, so a long `wait` does not hold up calls.
public final class ControlServer: Sendable {
    public let path: String
    private let listener: any Channel

    private init(path: String, listener: any Channel) {
        self.path = path
        self.listener = listener
    }

    public static func start(
        path: String, directory: any StationDirectory, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> ControlServer {
        try ControlSocketFile.prepare(path)
        // Plain handlers, not NIOAsyncChannel: a client accepted just as serve stops would otherwise be dropped
        // unconsumed, which traps (environment.md §1).
        let listener = try await ServerBootstrap(group: group)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try ListenerBackoff.install(on: channel, logger: logger, listener: "the control socket")
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLength: 1 << 20)))
                    try channel.pipeline.syncOperations.addHandler(
                        ControlServerHandler(session: ControlSession(directory: directory, logger: logger), channel: channel))
                }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        // The socket is created with the process umask; narrow it before anyone can use it.
        guard chmod(path, 0o600) == 0 else {
            try? await listener.close()
            throw ControlSocketError.cannotSecure(path)
        }
        return ControlServer(path: path, listener: listener)
    }

    /// Stops accepting and removes the socket file; requests under way end with their station calls.
    public func shutdown() async {
        try? await listener.close()
        unlink(path)
    }
}

public enum ControlSocketError: Error, Sendable, CustomStringConvertible {
    case inUse(String)
    case cannotSecure(String)
    case pathTooLong(String)
    case cannotCreateDirectory(String)

    public var description: String {
        switch self {
        case .inUse(let path): "another chargectl serve already answers on \(path)"
        case .cannotSecure(let path): "cannot restrict \(path) to this user"
        case .pathTooLong(let path): "the control socket path \(path) is too long for a Unix socket (at most 107 bytes)"
        case .cannotCreateDirectory(let path): "cannot create the directory \(path)"
        }
    }
}
