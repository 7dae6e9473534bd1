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
    private let server: Task<Void, Never>

    private init(path: String, listener: any Channel, server: Task<Void, Never>) {
        self.path = path
        self.listener = listener
        self.server = server
    }

    public static func start(
        path: String, directory: any StationDirectory, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> ControlServer {
        try ControlSocketFile.prepare(path)
        let bound = try await ServerBootstrap(group: group).bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLength: 1 << 20)))
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        // The socket is created with the process umask; narrow it before anyone can use it.
        guard chmod(path, 0o600) == 0 else {
            try? await bound.channel.close()
            throw ControlSocketError.cannotSecure(path)
        }
        let listener = bound.channel
        let server = Task<Void, Never> {
            try? await bound.executeThenClose { clients in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await client in clients {
                            group.addTask { await ControlSession(directory: directory, logger: logger).run(client) }
                        }
                    } catch {
                        logger.debug("control socket ended: \(error)")
                    }
                }
            }
        }
        return ControlServer(path: path, listener: listener, server: server)
    }

    /// Stops accepting and removes the socket file; running requests end with their station calls.
    public func shutdown() async {
        try? await listener.close()
        unlink(path)
        let server = self.server
        if await Deadline.race(.seconds(2), { await server.value; return true }) == nil { server.cancel() }
        await server.value
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
