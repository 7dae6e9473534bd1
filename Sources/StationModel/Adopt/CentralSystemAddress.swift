/// One IPv4 address of this machine, as `adopt` weighs it: the interface's name, its address and its prefix length
/// (nil when the system did not say).
public struct LocalAddress: Sendable, Equatable {
    public var interface: String
    public var address: IPv4
    public var prefixLength: Int?
    public var isLoopback: Bool

    public init(interface: String, address: IPv4, prefixLength: Int?, isLoopback: Bool = false) {
        self.interface = interface
        self.address = address
        self.prefixLength = prefixLength
        self.isLoopback = isLoopback
    }
}

/// SPEC §3 `adopt`: without `--central-system`, the station is pointed at this laptop — its address on the
/// station's subnet — and the `--listen` port, path `/ocpp` (the station appends its identity).
public enum CentralSystemAddress {
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public var hint: String
    }

    /// The host a station at `station` can dial to reach a listener on `listenHost`: the listen address itself when
    /// it names one (not a wildcard); `127.0.0.1` for a station on loopback; else the address of the interface whose
    /// subnet holds the station (the narrowest when several do).
    public static func host(forStation station: IPv4, listenHost: String, addresses: [LocalAddress]) -> Result<String, Problem> {
        let stationOnLoopback = station.octets[0] == 127
        if !["0.0.0.0", "::", ""].contains(listenHost) {
            if let listen = IPv4(listenHost), listen.octets[0] == 127, !stationOnLoopback {
                return .failure(Problem(message: "--listen \(listenHost) is a loopback address: the station at \(station) cannot reach it",
                                        hint: "listen on this machine's address on the station's network (or 0.0.0.0)"))
            }
            return .success(listenHost)
        }
        if stationOnLoopback { return .success("127.0.0.1") }
        let holding = addresses.filter { local in
            guard let prefix = local.prefixLength, !local.isLoopback else { return false }
            return station.isInSubnet(of: local.address, prefix: prefix)
        }
        guard let best = holding.max(by: { ($0.prefixLength ?? 0) < ($1.prefixLength ?? 0) }) else {
            let mine = addresses.filter { !$0.isLoopback }.map { "\($0.address)" + ($0.prefixLength.map { "/\($0)" } ?? "") + " (\($0.interface))" }
            return .failure(Problem(
                message: "no address of this machine is on the station's subnet (\(station))"
                    + (mine.isEmpty ? "" : "; this machine has " + mine.joined(separator: ", ")),
                hint: "connect this laptop to the station's network, or give the URL the station should dial with --central-system ws://IP:PORT/ocpp"))
        }
        return .success(best.address.description)
    }

    /// `ws://HOST:PORT/ocpp`.
    public static func url(host: String, port: Int) -> String {
        "ws://\(host.contains(":") ? "[\(host)]" : host):\(port)/ocpp"
    }
}
