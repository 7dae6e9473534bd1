/// The station facts an Alfen instance carries (alfen-station.md §3), as `discover` reports them (SPEC.md §7).
extension DNSServiceInstance {
    /// TXT `identity`: the OCPP charge box id, e.g. `ACE0001234`.
    public var identity: String? { nonEmptyAttribute("identity") }

    /// TXT `scnnetwork`: the Smart Charging Network name; nil when the station is in none (the key is empty).
    public var scnNetwork: String? { nonEmptyAttribute("scnnetwork") }

    /// TXT `fwversion`, e.g. `5.2.1-4312`.
    public var firmware: String? { nonEmptyAttribute("fwversion") }

    /// The first part of TXT `type` (`<sockets>.<type1>.<type2>`, e.g. `2.1.3`): the number of sockets.
    public var sockets: Int? {
        typeParts.first.flatMap { Int($0) }
    }

    /// The socket type codes after the socket count in TXT `type`, as given (`["1", "3"]` for `2.1.3`).
    public var socketTypes: [String] { Array(typeParts.dropFirst()) }

    /// The last dash-separated part of the SRV host's first label: `ng910-60023-1234567.local` → `1234567`.
    /// nil for a host label with no dash, which does not follow the station's naming.
    public var objectNumber: String? {
        guard let label = hostName?.firstLabel, label.contains("-"),
              let last = label.split(separator: "-", omittingEmptySubsequences: false).last, !last.isEmpty
        else { return nil }
        return String(last)
    }

    private var typeParts: [String] {
        nonEmptyAttribute("type").map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
            ?? []
    }

    private func nonEmptyAttribute(_ key: String) -> String? {
        guard let value = txt?[key]?.string, !value.isEmpty else { return nil }
        return value
    }
}
