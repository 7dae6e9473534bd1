import ArgumentParser
import ChargeHTTPS
import ChargeIO
import Foundation
import StationModel

/// SPEC §1 shared options of the HTTPS link (`--via https`): where the station is, and how to log in.
struct HTTPSOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With --via https: the station's address, IPv4 or IPv4:PORT (port 443 by default).", valueName: "ip"))
    var host: String?

    @Option(help: ArgumentHelp("With --via https: the API user.", valueName: "user"))
    var httpsUser = "admin"

    @Option(help: ArgumentHelp("With --via https: environment variable holding the API password.", valueName: "name"))
    var httpsPasswordEnv: String?

    @Option(help: ArgumentHelp("With --via https: file whose first line is the API password.", valueName: "path"), completion: .file())
    var httpsPasswordFile: String?

    @Flag(help: "With --via https: trust a station whose certificate changed since it was pinned in known-stations.")
    var acceptNewCertificate = false

    /// The endpoint of each station of a run: `--host` (one station), the site file's `host`, or the station id
    /// itself when it is an IPv4 address (SPEC §1); the password from the flags, the site file's `httpsPassword`,
    /// or a prompt on a terminal (never echoed).
    func endpoints(stations: [String], site: String?, in env: CLIEnvironment) throws -> [String: HTTPSEndpoint] {
        let entries = try site.map { try SiteFiles.site(path: $0).stations } ?? []
        var endpoints: [String: HTTPSEndpoint] = [:]
        var prompted: String?
        for station in stations {
            let index = entries.firstIndex { $0.id == station }
            let address = (stations.count == 1 ? host : nil) ?? index.flatMap { entries[$0].host } ?? (Self.isIPv4(HTTPSEndpoint.split(station).host) ? station : nil)
            guard let address else {
                throw CommandFailure(status: .invalidInput, code: "https.host-missing",
                                     message: "\(station): --via https needs the station's address",
                                     hint: "give --host IP, a host: in the site file, or the station's IPv4 address as STATION")
            }
            let (hostName, port) = HTTPSEndpoint.split(address)
            guard Self.isIPv4(hostName) else {
                throw CommandFailure(status: .invalidInput, code: "https.host-invalid", message: "\(station): \(address) is not an IPv4 address",
                                     hint: "give the station's IPv4 address, optionally with :PORT")
            }
            let password: String
            if let name = httpsPasswordEnv {
                password = try Secrets.resolve(.env(name), field: "--https-password-env", in: env)
            } else if let path = httpsPasswordFile {
                password = try Secrets.resolve(.file(path), field: "--https-password-file", in: env)
            } else if let index, let reference = entries[index].httpsPassword {
                password = try Secrets.resolve(reference, field: "stations[\(index)].httpsPassword", in: env)
            } else if let earlier = prompted {
                password = earlier
            } else if env.console.isTerminal, !env.json, isatty(0) == 1, let typed = getpass("HTTPS password for \(httpsUser): ") {
                password = String(cString: typed)
                prompted = password
            } else {
                throw CommandFailure(status: .invalidInput, code: "https.password-missing",
                                     message: "\(station): no HTTPS password given",
                                     hint: "give --https-password-env NAME or --https-password-file PATH (or httpsPassword in the site file)")
            }
            endpoints[station] = HTTPSEndpoint(host: hostName, port: port ?? 443, user: httpsUser, password: password,
                                               acceptNewCertificate: acceptNewCertificate)
        }
        return endpoints
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in UInt8(part).map { String($0) == part } ?? false }
    }
}
