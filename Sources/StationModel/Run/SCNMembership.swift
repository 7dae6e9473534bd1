/// What an SCN member of a run is before it: the network it is in, as its configuration says (SPEC §3 pre-flight).
public struct SCNMembership: Sendable, Equatable, Codable {
    public var station: String
    /// The SCN it is in now; empty when none.
    public var network: String
    /// That network's `SCN-SocketCount`, as this station counts it.
    public var networkSockets: Int
    /// This station's own sockets.
    public var sockets: Int

    public init(station: String, network: String, networkSockets: Int, sockets: Int) {
        self.station = station
        self.network = network
        self.networkSockets = networkSockets
        self.sockets = sockets
    }

    /// From the configuration read before the first write.
    public init(station: String, configuration: StationConfiguration) {
        let secondMapping = configuration.value(forKey: "SCN-PhaseMapping-2").map { $0.trimmingSpaces }
        self.init(station: station, network: configuration.value(forKey: "SCN-NetworkName")?.trimmingSpaces ?? "",
                  networkSockets: configuration.value(forKey: "SCN-SocketCount").flatMap { Int($0.trimmingSpaces) } ?? 0,
                  sockets: secondMapping == nil || secondMapping == "0" || secondMapping == "" ? 1 : 2)
    }
}

/// A member's part in the SCN pre-flight: its membership, why it cannot go on, or nothing (it was lost first).
public enum PreflightReport: Sendable, Equatable, Codable {
    case member(SCNMembership)
    case failed(station: String, reason: String)
    case unknown(station: String)

    public var station: String {
        switch self {
        case .member(let membership): membership.station
        case .failed(let station, _), .unknown(let station): station
        }
    }
}

/// SPEC §3: `scn create` over stations that are members of another SCN is refused unless every member of that SCN
/// is in the run (or `--leave`), so no station is left counting sockets that are gone; and one member that cannot
/// be commissioned stops them all before anything is written.
public enum SCNPreflight {
    public static func problem(_ reports: [PreflightReport], allowLeaving: Bool) -> (code: String, reason: String, hint: String)? {
        for report in reports {
            if case .failed(let station, let reason) = report {
                return ("scn.member-failed", "SCN member \(station) cannot be commissioned (\(reason)); nothing was written",
                        "fix \(station) first, then run the command again")
            }
        }
        guard !allowLeaving else { return nil }
        let members = reports.compactMap { if case .member(let membership) = $0 { membership } else { nil } }
        // A member lost before it was read may be in any network, with up to two sockets: it is not held against it.
        let unknownSockets = 2 * reports.filter { if case .unknown = $0 { true } else { false } }.count
        for network in Set(members.map(\.network)).sorted() where !network.isEmpty {
            let inRun = members.filter { $0.network == network }
            let counted = inRun.map(\.networkSockets).max() ?? 0
            let present = inRun.reduce(unknownSockets) { $0 + $1.sockets }
            if present < counted {
                return ("scn.other-members",
                        "\(inRun.map(\.station).joined(separator: ", ")) belong to SCN \(network) of \(counted) sockets, and only \(present) of them are in this run; nothing was written",
                        "put every member of \(network) in the run, or pass --leave to take these out of it (the others keep counting their sockets until they are commissioned again)")
            }
        }
        return nil
    }
}
