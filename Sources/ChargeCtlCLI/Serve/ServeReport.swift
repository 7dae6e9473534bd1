/// `serve --json`: printed once, when serve stops (SPEC §7: one document on stdout).
struct ServeReport: Report {
    var ok = true
    var listen: String
    var scheme: String
    var control: String?
    /// Every identity that connected while serve ran, in order of first connection.
    var stations: [String]

    func text(colour: Bool) -> String {
        "serve stopped; \(stations.count) station\(stations.count == 1 ? "" : "s") connected while it ran\n"
    }
}
