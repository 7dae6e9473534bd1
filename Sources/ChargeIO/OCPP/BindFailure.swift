#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Why a listener could not bind, in words (issue 14): NIO says `bind(descriptor:ptr:bytes:): Cannot assign
/// requested address (errno: 99)`; a person needs "this machine has no address 10.9.9.9".
enum BindFailure {
    static func reason(_ error: any Error, host: String, port: Int) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        switch io.errnoCode {
        case EADDRNOTAVAIL: return "this machine has no address \(host)"
        case EADDRINUSE: return "port \(port) is already in use on \(host) (another chargectl serve, or another program)"
        case EACCES: return "port \(port) is below 1024, which needs administrator rights"
        default: return "\(io.description)"
        }
    }
}
