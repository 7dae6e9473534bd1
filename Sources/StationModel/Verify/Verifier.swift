import AllocationCore

/// SPEC §8's checklist over what was read: pure, so every check is tested without a station. Each check adds its
/// findings, or one `pass` under its code when it ran and found nothing; a check whose input could not be read
/// adds nothing (the unreachable part has its own finding).
public enum Verifier {
    public static func check(_ input: VerifyInput) -> [Finding] {
        var checks = VerifyChecks(input: input)
        checks.stationsOffline()
        checks.settings()
        checks.features()
        checks.firmware()
        checks.scnName()
        checks.scnSocketCount()
        checks.scnSocketIDs()
        checks.phaseRotation()
        checks.albSource()
        checks.meter()
        checks.emsValidity()
        checks.safeCurrents()
        return checks.findings
    }

    /// SPEC §8: 3 when a station or meter could not be reached, else 1 when a finding fails, else 0.
    public static func exitCode(_ findings: [Finding]) -> Int {
        let failing = findings.filter { $0.severity == .fail }
        if failing.contains(where: { VerifyCode(rawValue: $0.code)?.isCommunication == true }) { return 3 }
        return failing.isEmpty ? 0 : 1
    }
}

/// The checks' shared state: the input, the site's layout, and the findings so far.
struct VerifyChecks {
    let input: VerifyInput
    let layout: SiteLayout
    var findings: [Finding] = []

    init(input: VerifyInput) {
        self.input = input
        self.layout = SiteLayout(input.site)
    }

    var site: Site { input.site }

    func reader(_ station: StationReading) -> SettingReader {
        SettingReader(link: input.link, aliases: input.aliases, firmware: station.knownFirmware)
    }

    /// A setting of a station as read over its link; nil when unreached or not listed.
    func value(_ id: SettingID, of station: StationReading) -> SettingValue? {
        station.configuration.flatMap { reader(station).value(id, in: $0) }
    }

    func reading(_ id: String) -> StationReading? { input.stations.first { $0.id == id } }

    /// The site's stations in file order with what was read of them.
    var readings: [(entry: StationEntry, reading: StationReading)] {
        site.stations.map { entry in (entry, reading(entry.id) ?? StationReading(id: entry.id, linkError: "not read")) }
    }

    /// Records `found`, or a pass under `code` when it is empty and the check `ran`.
    mutating func report(_ code: VerifyCode, _ found: [Finding], ran: Bool = true, pass: String) {
        findings += found
        if found.isEmpty, ran { findings.append(Finding(.pass, code, pass)) }
    }

    mutating func stationsOffline() {
        var found: [Finding] = []
        for (entry, reading) in readings where !reading.reached {
            let seen = [reading.modbus != nil ? "its Modbus server answered" : nil,
                        input.advertised.contains { $0.identity == entry.id } ? "it is heard on mDNS" : nil].compactMap { $0 }
            found.append(Finding(.fail, .stationOffline,
                                 "\(entry.id): not reached over \(input.link.rawValue.uppercased())"
                                    + (reading.linkError.map { " (\($0))" } ?? "")
                                    + (seen.isEmpty ? "" : "; " + seen.joined(separator: ", ")),
                                 hint: input.link == .ocpp
                                    ? "check that the station's back office points at this laptop (chargectl adopt) and that it is powered and on the network"
                                    : "check the station's address and HTTPS password, and that no other app holds its session"))
        }
        report(.stationOffline, found, pass: "every station of the site was reached")
    }
}

extension Quantity {
    /// `6 s`, `12.5 s`.
    static func seconds(_ value: Double) -> String { decimal(value, places: 2) + " s" }
}
