import VirtualSite

/// What `simulate` started: per station its identity and Modbus port, and the meter's port and unit.
struct SimulateReport: Report {
    let site: String
    let running: RunningVirtualSite

    enum Keys: String, CodingKey { case ok, site, stations, meter }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(true, forKey: .ok)
        try container.encode(site, forKey: .site)
        try container.encode(running.stations, forKey: .stations)
        try container.encode(running.meter, forKey: .meter)
    }

    func text(colour: Bool) -> String {
        var rows = [["station", "object", "model", "sockets", "modbus", "https"]]
        for station in running.stations {
            let https = station.host.map { host in "\(host):\(station.httpsPort ?? 443)" } ?? "-"
            rows.append([station.identity, String(station.objectNumber), station.model, String(station.sockets),
                         "127.0.0.1:\(station.modbusPort)", https])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n")
        text += "\nmeter (\(running.meter.preset)): 127.0.0.1:\(running.meter.port), unit \(running.meter.unit)\n"
        return text
    }
}
