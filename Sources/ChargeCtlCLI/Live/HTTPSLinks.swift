import ChargeHTTPS
import ChargeIO
import NIOPosix
import NIOSSL

/// The live HTTPS links: one event loop group for the process, the pins in `known-stations`, the first-use
/// fingerprint and the `-v` trace on stderr (secrets masked by the session).
public enum HTTPSLinks {
    static func live(console: any Console, variables: [String: String]) -> @Sendable (String, HTTPSEndpoint, Bool) throws -> any StationLink {
        live(console: console, knownStations: KnownStations.path(variables: variables))
    }

    /// The live links with their pins in the file `knownStations` (loopback tests give a scratch file).
    public static func live(console: any Console, knownStations: String?) -> @Sendable (String, HTTPSEndpoint, Bool) throws -> any StationLink {
        let pins = FileCertificatePins(path: knownStations)
        return { station, endpoint, verbose in try make(station, endpoint, verbose: verbose, console: console, pins: pins) }
    }

    static func make(_ station: String, _ endpoint: HTTPSEndpoint, verbose: Bool, console: any Console,
                     pins: FileCertificatePins) throws -> any StationLink {
        let context: NIOSSLContext
        do { context = try HTTPSConnection.tlsContext() } catch {
            throw CommandFailure(status: .communication, code: "https.tls", message: "cannot set up TLS: \(error)", hint: "report this")
        }
        let notice: @Sendable (String) -> Void = { console.err("\(station): \($0)\n") }
        let session = HTTPSSession(endpoint: endpoint, pins: pins, context: context, group: MultiThreadedEventLoopGroup.singleton,
                                   notice: notice, trace: verbose ? notice : nil)
        return HTTPSStationLink(station: station, session: session)
    }
}
