import ChargeHTTPS
import ChargeIO
import Foundation
import SharedText
import StationModel

/// `adopt`'s command line, checked before anything is sent (SPEC §1: exit 2, naming the field and the fix).
struct AdoptRequest: Sendable {
    enum Target: Sendable {
        /// `--central-system URL`.
        case given(String)
        /// This laptop's address on the station's subnet; the port is the listener's, known once it is bound.
        case listener(host: String)
    }

    var endpoint: HTTPSEndpoint
    var target: Target
    var release: Bool
    var backupFile: String?
    var backupDirectory: String?
    var listen: ListenAddress
    var wait: Swift.Duration
    var verbose: Bool
    var acceptAny: Bool
    /// `--ocpp-password-env`, resolved now: its station is known only once it said its identity.
    var ocppPassword: String?
    /// `--backup FILE`, read and checked before the station is reached.
    var backup: AdoptBackup?

    /// The station's address as given (`127.0.3.41:8443`), naming it in messages until it says its identity.
    var label: String { endpoint.port == 443 ? endpoint.host : "\(endpoint.host):\(endpoint.port)" }

    init(_ command: AdoptCommand, in env: CLIEnvironment) throws {
        let (host, port) = HTTPSEndpoint.split(command.station)
        guard HTTPSOptions.isIPv4(host), let stationAddress = IPv4(host), !command.station.contains("/"), port.map({ (1...65_535).contains($0) }) ?? !command.station.contains(":") else {
            throw CommandFailure(status: .invalidInput, code: "adopt.host-invalid", message: "HOST \(command.station) is not an IPv4 address",
                                 hint: "give the station's IPv4 address, optionally with :PORT (chargectl adopt 192.168.1.40)")
        }
        if command.connect.https.host != nil {
            throw CommandFailure(status: .invalidInput, code: "adopt.host-option", message: "adopt takes the station's address as HOST, not --host",
                                 hint: "drop --host: chargectl adopt \(command.station)")
        }
        if command.release, command.centralSystem != nil {
            throw CommandFailure(status: .invalidInput, code: "adopt.release-central-system",
                                 message: "--central-system does not go with --release: the saved URL is written back",
                                 hint: "drop --central-system, or drop --release to adopt the station")
        }
        if command.backup != nil, !command.release {
            throw CommandFailure(status: .invalidInput, code: "adopt.backup-without-release", message: "--backup FILE only goes with --release",
                                 hint: "add --release to write that backup back; adopt itself writes a new backup")
        }
        try command.connect.checkRanges()
        release = command.release
        backupFile = command.backup
        backupDirectory = command.backupDir
        listen = command.connect.listen
        wait = command.connect.waitDuration
        verbose = command.connect.verbose
        acceptAny = command.connect.acceptAny
        ocppPassword = try command.connect.ocppPasswordEnv.map { try Secrets.resolve(.env($0), field: "--ocpp-password-env", in: env) }
        if let url = command.centralSystem {
            if let problem = BackOfficeURL.problem(url) {
                throw CommandFailure(status: .invalidInput, code: "adopt.central-system-invalid",
                                     message: "--central-system \(SecretMask.maskingPassword(inURL: url)): \(problem)",
                                     hint: "give the URL the station is to dial, e.g. --central-system ws://192.168.1.23:8180/ocpp")
            }
            target = .given(url)
        } else {
            let addresses = ((try? env.interfaces()) ?? []).compactMap { interface in
                IPv4(interface.address.description).map {
                    LocalAddress(interface: interface.name, address: $0, prefixLength: interface.prefixLength, isLoopback: interface.isLoopback)
                }
            }
            switch CentralSystemAddress.host(forStation: stationAddress, listenHost: command.connect.listen.host, addresses: addresses) {
            case .success(let chosen): target = .listener(host: chosen)
            case .failure(let problem):
                throw CommandFailure(status: .invalidInput, code: "adopt.no-local-address", message: problem.message, hint: problem.hint)
            }
        }
        endpoint = try command.connect.https.endpoints(stations: [command.station], site: nil, in: env)[command.station]
            ?? HTTPSEndpoint(host: host, port: port ?? 443, password: "")
        if let file = command.backup { backup = try AdoptBackupFiles.load(file, in: env) }
    }
}
