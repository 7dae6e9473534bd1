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

    /// The endpoint of each station of a run: `--host` (one station), the stored run's address (a resume), the
    /// site file's `host`, or the station id itself when it is an IPv4 address (SPEC §1); the password from the
    /// flags, the stored run's source, the site file's `httpsPassword`, or a prompt on a terminal (never echoed).
    /// With each endpoint, how it was reached as a stored run keeps it (never the password).
    func endpoints(stations: [String], site: String?, stored: [String: HTTPSAccess],
                   in env: CLIEnvironment) throws -> [String: (endpoint: HTTPSEndpoint, access: HTTPSAccess)] {
        // A resume that kept every station's access does without its site file when that is gone.
        let entries = try site.map { path in
            stored.count == stations.count ? (try? SiteFiles.site(path: path).stations) ?? [] : try SiteFiles.site(path: path).stations
        } ?? []
        return try endpoints(stations: stations, entries: entries, site: site, stored: stored, in: env)
    }

    /// The same from a site's stations in memory (`site` names its file in messages, when there is one): the
    /// wizard reads its stations before their file is written.
    func endpoints(stations: [String], entries: [StationEntry], site: String?, stored: [String: HTTPSAccess] = [:],
                   in env: CLIEnvironment) throws -> [String: (endpoint: HTTPSEndpoint, access: HTTPSAccess)] {
        var endpoints: [String: (endpoint: HTTPSEndpoint, access: HTTPSAccess)] = [:]
        var prompted: String?
        for station in stations {
            let index = entries.firstIndex { $0.id == station }
            let kept = stored[station]
            let address = (stations.count == 1 ? host : nil) ?? kept?.host ?? index.flatMap { entries[$0].host }
                ?? (Self.isIPv4(HTTPSEndpoint.split(station).host) ? station : nil)
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
            // A resume logs in as the run did unless told otherwise.
            let user = httpsUser != "admin" ? httpsUser : kept?.user ?? httpsUser
            let source: SecretSource?
            let password: String
            if let name = httpsPasswordEnv {
                source = .env(name)
                password = try Secrets.resolve(.env(name), field: "--https-password-env", in: env)
            } else if let path = httpsPasswordFile {
                source = .file(path)
                password = try Secrets.resolve(.file(path), field: "--https-password-file", in: env)
            } else if let kept = kept?.password, let reference = kept.reference {
                source = kept
                password = try Secrets.resolve(reference, field: "the stored run's HTTPS password of \(station)", in: env)
            } else if let index, let reference = entries[index].httpsPassword {
                source = SecretSource(reference)
                password = try Secrets.resolve(reference, field: "stations[\(index)].httpsPassword", in: env)
            } else if kept?.password == .siteFile {
                throw CommandFailure(status: .invalidInput, code: "run.password-unavailable",
                                     message: "\(station): the run logged in with the HTTPS password of \(site ?? "its site file"), which cannot be read now",
                                     hint: "resume with the site file at hand, or give --https-password-env NAME")
            } else if let earlier = prompted {
                source = nil
                password = earlier
            } else if env.console.isTerminal, !env.json, isatty(0) == 1, let typed = getpass("HTTPS password for \(user): ") {
                source = nil
                password = String(cString: typed)
                prompted = password
            } else {
                throw CommandFailure(status: .invalidInput, code: "https.password-missing",
                                     message: "\(station): no HTTPS password given",
                                     hint: "give --https-password-env NAME or --https-password-file PATH (or httpsPassword in the site file)")
            }
            endpoints[station] = (HTTPSEndpoint(host: hostName, port: port ?? 443, user: user, password: password,
                                                acceptNewCertificate: acceptNewCertificate),
                                  HTTPSAccess(host: address, user: user, password: source))
        }
        return endpoints
    }

    /// The endpoints alone.
    func endpoints(stations: [String], site: String?, in env: CLIEnvironment) throws -> [String: HTTPSEndpoint] {
        try endpoints(stations: stations, site: site, stored: [:], in: env).mapValues(\.endpoint)
    }

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in UInt8(part).map { String($0) == part } ?? false }
    }
}
