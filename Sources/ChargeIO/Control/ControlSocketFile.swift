import Foundation

/// The control socket's file: its directory private to the user, a live socket never taken over, a stale one
/// (a serve that was killed) removed.
enum ControlSocketFile {
    static func prepare(_ path: String) throws {
        guard path.utf8.count <= 107 else { throw ControlSocketError.pathTooLong(path) }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ControlSocketError.cannotCreateDirectory(directory)
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        if answers(path) { throw ControlSocketError.inUse(path) }
        unlink(path)
    }

    /// Whether something accepts connections on the socket; a plain blocking connect, which on a Unix socket
    /// returns at once.
    static func answers(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }
}
