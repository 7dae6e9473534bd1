/// `discover`'s result (SPEC.md §7): the stations, and on a failed `--expect` the error beside what was found.
struct DiscoverReport: Report {
    var stations: [DiscoveredStation]
    /// Seconds the browse window lasted, for the text footer.
    var elapsed: Double
    var window: Double
    var scanned: String?
    var failure: CommandFailure?

    enum Keys: String, CodingKey { case ok, stations, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(failure == nil, forKey: .ok)
        try container.encode(stations, forKey: .stations)
        try container.encodeIfPresent(failure.map(ReportOutput.FailureDocument.Detail.init), forKey: .error)
    }

    func text(colour: Bool) -> String {
        guard !stations.isEmpty else { return Self.emptyAdvice(window: window, scanned: scanned) }
        var table = TextTable(columns: [
            .init("IDENTITY"), .init("ADDRESS"), .init("OBJECT"), .init("FIRMWARE"), .init("SOCKETS", .right),
            .init("SCN"), .init("LINK"), .init("FOUND BY"),
        ])
        table.colour = colour
        table.headerStyle = .bold
        for station in stations {
            table.append([
                station.identity ?? "-", station.address.description, station.objectNumber ?? "-",
                station.firmware ?? "-", station.sockets.map(String.init) ?? "-", station.scnNetwork ?? "-",
                station.link.map { $0 == "http-legacy" ? "http (not supported yet)" : $0 } ?? "-", station.source.rawValue,
            ])
        }
        let count = stations.count == 1 ? "1 station" : "\(stations.count) stations"
        return table.render() + "\n\n" + "\(count) found in \(Self.seconds(elapsed))\n" + Self.legacyNote(stations)
    }

    /// Issue 15: a station that only offers the older HTTP API (`_lolo3._http._tcp`, firmware before 5) cannot be
    /// reached with `--via https` or `adopt`; the table says `http (not supported yet)`, and this says what that means.
    static func legacyNote(_ stations: [DiscoveredStation]) -> String {
        let legacy = stations.filter { $0.link == "http-legacy" }
        guard !legacy.isEmpty else { return "" }
        let names = legacy.map { $0.identity ?? $0.address.description }.joined(separator: ", ")
        return "Note: \(names) offer\(legacy.count == 1 ? "s" : "") only the older HTTP API (_lolo3._http._tcp, firmware before 5), "
            + "which chargectl does not support yet: no --via https or adopt; OCPP works once the station's back office points here.\n"
    }

    /// Issue 5: an empty result says what to check.
    static func emptyAdvice(window: Double, scanned: String?) -> String {
        var lines = ["No stations found in \(seconds(window)).", "Check that:",
                     "  - this computer is on the same subnet as the stations (mDNS does not cross routers);",
                     "  - no firewall here or on the network drops UDP port 5353 (mDNS);",
                     "  - the stations are powered and connected (cable or Wi-Fi)."]
        if let scanned {
            lines.append("Nothing in \(scanned) accepted a connection on TCP 502 or 443 either.")
        } else {
            lines.append("To probe a subnet directly: chargectl discover --scan 192.168.1.0/24")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return "\(rounded) s"
    }
}
