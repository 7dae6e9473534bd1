import ChargeIO
import ChargeTLS
import StationModel

/// `serve`'s inputs turned into a central system configuration: exit 2 (nothing started) on a bad site file, a
/// missing password variable, or a half-given TLS pair.
enum ServeSetup {
    static func configuration(listen: ListenAddress, site path: String?, acceptAny: Bool,
                              in env: CLIEnvironment) throws -> CentralSystemConfiguration {
        guard path != nil || acceptAny else {
            throw CommandFailure(status: .invalidInput, code: "serve.no-stations",
                                 message: "serve has no stations to expect: every connection would be refused",
                                 hint: "give --site FILE, or --accept-any to let any station in")
        }
        var stations: Set<String> = []
        var passwords: [String: String] = [:]
        if let path {
            let site = try SiteFiles.site(path: path)
            for (index, station) in site.stations.enumerated() {
                stations.insert(station.id)
                if let reference = station.ocppPassword {
                    passwords[station.id] = try Secrets.resolve(reference, field: "stations[\(index)].ocppPassword", in: env)
                }
            }
        }
        return CentralSystemConfiguration(host: listen.host, port: listen.port, stations: stations, acceptAny: acceptAny,
                                          passwords: passwords)
    }

    static func security(certificate: String?, key: String?) throws -> (any ChannelSecurity)? {
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (.some, nil), (nil, .some):
            throw CommandFailure(status: .invalidInput, code: "serve.tls-incomplete",
                                 message: "--tls-cert and --tls-key go together",
                                 hint: "give both PEM files for TLS (security profile 2), or neither")
        case (.some(let certificate), .some(let key)):
            do {
                return try TLSServerSecurity(certificatePath: certificate, keyPath: key)
            } catch {
                throw CommandFailure(status: .invalidInput, code: "serve.tls-unreadable", message: error.description,
                                     hint: "give a PEM certificate chain with --tls-cert and its PEM private key with --tls-key")
            }
        }
    }
}
