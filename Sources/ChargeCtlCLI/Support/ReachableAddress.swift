import ChargeIO
import Foundation

/// Where a station can reach this machine's central system: one address per interface (`192.168.1.23:8180` on
/// `eth0`), never the wildcard it listens on (`0.0.0.0` is no address a station can dial).
struct ReachableAddress: Sendable, Equatable {
    var interface: String
    var hostPort: String

    /// The URL a station with identity `station` dials.
    func url(_ station: String) -> String { "ws://\(hostPort)/ocpp/\(station)" }

    /// For a listener on `listening` (`HOST:PORT`): a wildcard host becomes every interface's IPv4 address
    /// (loopback only when there is nothing else); a named host is itself. Empty when the interfaces are unknown.
    static func addresses(listening: String, interfaces: () throws -> [MDNSInterface]) -> [ReachableAddress] {
        guard let colon = listening.lastIndex(of: ":") else { return [] }
        let host = listening[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let port = listening[listening.index(after: colon)...]
        let all = (try? interfaces()) ?? []
        guard host == "0.0.0.0" || host == "::" || host.isEmpty else {
            let name = all.first { $0.address.description == host }?.name ?? ""
            return [ReachableAddress(interface: name, hostPort: listening)]
        }
        let outside = all.filter { !$0.isLoopback }
        return (outside.isEmpty ? all : outside).map { ReachableAddress(interface: $0.name, hostPort: "\($0.address):\(port)") }
    }

    /// `ws://192.168.1.23:8180/ocpp/A (eth0) or ws://10.0.0.5:8180/ocpp/A (wlan0)`.
    static func urls(_ addresses: [ReachableAddress], station: String, listening: String) -> String {
        guard !addresses.isEmpty else {
            let port = listening.split(separator: ":").last.map(String.init) ?? "8180"
            return "ws://ADDRESS:\(port)/ocpp/\(station), ADDRESS being an address of this machine on the station's network"
        }
        return addresses.map { $0.url(station) + ($0.interface.isEmpty ? "" : " (\($0.interface))") }.joined(separator: " or ")
    }
}

extension CommandFailure {
    /// The central system could not listen (`--listen`): exit 3, in words, with this machine's addresses.
    init(listen error: any Error, in env: CLIEnvironment) {
        let addresses = ((try? env.interfaces()) ?? []).map { "\($0.address) (\($0.name))" }
        self.init(status: .communication, code: "ocpp.listen-failed", message: "\(error)",
                  hint: "--listen takes an address of this machine" + (addresses.isEmpty ? "" : " (" + addresses.joined(separator: ", ") + ")")
                      + " or 0.0.0.0 for all of them, and a free port: --listen HOST:PORT; or stop whatever holds the port")
    }
}
