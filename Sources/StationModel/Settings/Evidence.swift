/// How well a link's mapping of a setting is known (SPEC §3): public evidence is thin, so every catalog entry says
/// where its key or property id comes from, and `plan` marks changes whose mapping is not confirmed.
public enum Evidence: String, Sendable, Equatable, Codable, CaseIterable {
    /// The vendor's manual names it; no public dump of a real station shows it.
    case manual
    /// Seen on real stations (a public implementation or dump uses it).
    case confirmed
    /// Sources disagree (the installer's box is reported under another id).
    case contested
    /// Deduced by us from the sources; stated nowhere.
    case inferred
}

/// A setting's evidence on each link; nil where the link cannot carry it.
public struct LinkEvidence: Sendable, Equatable {
    public var ocpp: Evidence?
    public var https: Evidence?

    public init(ocpp: Evidence?, https: Evidence?) {
        self.ocpp = ocpp
        self.https = https
    }

    public func on(_ link: LinkKind) -> Evidence? {
        switch link {
        case .ocpp: ocpp
        case .https: https
        }
    }
}

extension Setting {
    /// reference/alfen-station.md §2–§4: of the OCPP keys only `Station-MaxCurrent` is confirmed outside the manual;
    /// the HTTPS ids come from public implementations of the vendor's API, except the ones overridden here.
    static func catalogEvidence(_ id: SettingID, ocppKey: String?, https: HTTPSMapping) -> LinkEvidence {
        let ocpp: Evidence? = ocppKey == nil ? nil : (confirmedOCPPKeys.contains(id) ? .confirmed : .manual)
        let httpsEvidence: Evidence? = switch https {
        case .unsupported: nil
        case .derived: .inferred
        default: contestedHTTPS[id] ?? inferredHTTPS[id] ?? .confirmed
        }
        return LinkEvidence(ocpp: ocpp, https: httpsEvidence)
    }

    static let confirmedOCPPKeys: Set<SettingID> = [.stationMaxCurrent]

    /// SPEC §3: `2523_1` (the installer's "ModbusTCP balancing enabled" box is reported as `2522_1`); `2069_0` (the
    /// public implementation calls it the meter's phase rotation, the manual the ALB station's feeder).
    static let contestedHTTPS: [SettingID: Evidence] = [.tcpMeterEnabled: .contested, .phaseConnected: .contested]

    /// The other id a contested property is reported under: the run writes whichever of the two the station's own
    /// listing has writable (`ContestedKeys`).
    public static let contestedHTTPSAlternates: [SettingID: [String]] = [.tcpMeterEnabled: ["2522_1"]]

    /// Reference §4.3: the meter's port is "sub 5, inferred"; the register map's element layout is ours.
    static let inferredHTTPS: [SettingID: Evidence] = [.tcpMeterPort: .inferred, .tcpMeterRegisterMap: .inferred]
}
