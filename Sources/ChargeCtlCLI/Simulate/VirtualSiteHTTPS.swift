import AllocationCore
import ChargeIO
import ChargeTLS
import StationModel
import VirtualSite

/// TLS for the virtual stations' HTTPS API (SPEC §3): a self-signed certificate per station, made at start.
enum VirtualSiteHTTPS {
    /// The certificate maker, or nil (and a warning) where openssl is missing: the site then runs without HTTPS.
    static func security(_ env: CLIEnvironment) -> (@Sendable (String, String) throws -> any ChannelSecurity)? {
        guard SelfSignedCertificate.openssl != nil else {
            env.warn(Finding(.warn, "simulate.no-openssl", "the virtual stations serve no HTTPS API: openssl is not installed",
                             hint: "install openssl (apt-get install openssl) to make their self-signed certificates"))
            return nil
        }
        return { identity, host in try SelfSignedCertificate.serverSecurity(commonName: identity, address: host) }
    }

    /// Each station's `httpsPassword` from the site file, resolved (`{env|file}` or literal).
    static func passwords(_ site: Site, env: CLIEnvironment) throws -> [String: String] {
        var passwords: [String: String] = [:]
        for (index, station) in site.stations.enumerated() {
            if let reference = station.httpsPassword {
                passwords[station.id] = try Secrets.resolve(reference, field: "stations[\(index)].httpsPassword", in: env)
            }
        }
        return passwords
    }
}
