import AllocationCore

/// How a socket is named in human output: `SCN id station:connector` (`0 ACE0001234:1`), the two ways SPEC §2
/// lets a scenario reference a socket, so a reader can map a column back to the scenario file.
enum SocketLabel {
    static func text(_ socket: SocketSpec, in site: AllocationSite) -> String {
        let station = site.stations.indices.contains(socket.station) ? site.stations[socket.station].id : "?"
        return "\(socket.id) \(station):\(socket.connector)"
    }
}
