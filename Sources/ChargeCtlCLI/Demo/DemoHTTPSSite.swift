import AllocationCore
import StationModel
import VirtualSite

/// `demo --via https`: the site file the installer's commands read over the HTTPS link — the demo's site with each
/// virtual station's real address (`host: IP:PORT`) and its API password from an environment variable (never on
/// a command line). Written as JSON, which is YAML too, so no second site writer is needed.
enum DemoHTTPSSite {
    /// The variable holding the virtual stations' API password.
    static let passwordVariable = "CHARGECTL_DEMO_HTTPS_PASSWORD"

    static func text(_ site: Site, addresses: [String: String]) -> String {
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["{", "  \"site\": \(quoted(site.name)),",
                     "  \"installation\": {\"phases\": \(site.installation.phases), \"maxCurrent\": \(number(site.installation.maxCurrent))},"]
        if let scn = site.scn {
            lines.append("  \"scn\": {\"name\": \(quoted(scn.name)), \"socketSafeCurrent\": \(number(scn.socketSafeCurrent)), "
                + "\"alternatingPeriod\": \(number(scn.alternatingPeriod))"
                + (scn.totalSafeCurrent.map { ", \"totalSafeCurrent\": \(number($0))" } ?? "") + "},")
        }
        lines.append("  \"stations\": [")
        for (index, station) in site.stations.enumerated() {
            var fields = ["\"id\": \(quoted(station.id))"]
            if let name = station.name { fields.append("\"name\": \(quoted(name))") }
            if let host = addresses[station.id] { fields.append("\"host\": \(quoted(host))") }
            if let model = station.model { fields.append("\"model\": \(quoted(model))") }
            if let phases = station.phases { fields.append("\"phases\": \(phases)") }
            if station.feeders != 1 { fields.append("\"feeders\": \(station.feeders)") }
            if let socketID = station.socketID { fields.append("\"socketId\": \(socketID)") }
            fields.append("\"maxCurrent\": \(number(station.maxCurrent))")
            fields.append("\"httpsPassword\": {\"env\": \(quoted(passwordVariable))}")
            let sockets = station.sockets.map { socket in
                "{\"maxCurrent\": \(number(socket.maxCurrent))" + (socket.phaseMapping.map { ", \"phaseMapping\": \(quoted($0.name))" } ?? "") + "}"
            }
            fields.append("\"sockets\": [\(sockets.joined(separator: ", "))]")
            lines.append("    {" + fields.joined(separator: ", ") + "}" + (index == site.stations.count - 1 ? "" : ","))
        }
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the file into the demo's state folder; its path.
    static func write(_ site: Site, _ virtual: RunningVirtualSite, in state: String, env: CLIEnvironment) throws -> String {
        let addresses = addresses(virtual)
        guard addresses.count == site.stations.count else {
            throw CommandFailure(status: .communication, code: "demo.no-https",
                                 message: "the virtual stations serve no HTTPS API, so the demo cannot run --via https",
                                 hint: "install openssl (apt-get install openssl) for their self-signed certificates, or run the demo over OCPP")
        }
        let path = state + "/site-https.yaml"
        do {
            try env.makeDirectory(state)
            try env.writeFile(path, text(site, addresses: addresses))
        } catch {
            throw CommandFailure(status: .invalidInput, code: "demo.state-unwritable", message: "cannot write \(path): \(error)",
                                 hint: "set TMPDIR to a writable folder")
        }
        return path
    }

    /// Each virtual station's HTTPS address, `IP:PORT`.
    static func addresses(_ virtual: RunningVirtualSite) -> [String: String] {
        Dictionary(virtual.stations.compactMap { station in
            guard let host = station.host, let port = station.httpsPort else { return nil }
            return (station.identity, "\(host):\(port)")
        }) { first, _ in first }
    }
}
