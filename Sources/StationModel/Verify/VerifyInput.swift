import AllocationCore

/// Everything `verify` read from a site (SPEC §8), as plain values: the checks judge it without touching a socket.
/// A part that could not be reached is nil with the reason beside it, so the other checks still run.
public struct VerifyInput: Sendable {
    public var site: Site
    /// The site's plan (`SitePlanner.plan`): its target values are what the stations' settings must be.
    public var plan: Plan
    public var link: LinkKind
    public var aliases: KeyAliases
    public var stations: [StationReading]
    public var meter: MeterObservation
    /// Stations heard on mDNS, the site's and any other (a member of the SCN the file does not list).
    public var advertised: [AdvertisedStation]
    /// Seconds between the EMS's set-point writes, when the installer knows it (`--ems-interval`).
    public var emsWriteInterval: Double?

    public init(site: Site, plan: Plan, link: LinkKind, aliases: KeyAliases = .none, stations: [StationReading],
                meter: MeterObservation = .none, advertised: [AdvertisedStation] = [], emsWriteInterval: Double? = nil) {
        self.site = site
        self.plan = plan
        self.link = link
        self.aliases = aliases
        self.stations = stations
        self.meter = meter
        self.advertised = advertised
        self.emsWriteInterval = emsWriteInterval
    }
}

/// One station as its link, its Modbus server and mDNS showed it.
public struct StationReading: Sendable, Equatable {
    public var id: String
    /// Its configuration over the link (OCPP keys or HTTPS ids); nil when the link did not reach it.
    public var configuration: StationConfiguration?
    /// Why the link did not reach it.
    public var linkError: String?
    public var firmware: String?
    /// The station's own Modbus server (`station status`), when it answered.
    public var modbus: StationModbusView?
    public var modbusError: String?

    public init(id: String, configuration: StationConfiguration? = nil, linkError: String? = nil, firmware: String? = nil,
                modbus: StationModbusView? = nil, modbusError: String? = nil) {
        self.id = id
        self.configuration = configuration
        self.linkError = linkError
        self.firmware = firmware
        self.modbus = modbus
        self.modbusError = modbusError
    }

    public var reached: Bool { configuration != nil }
    /// The firmware as the link said it, else as the Modbus server did.
    public var knownFirmware: String? { firmware ?? modbus.map(\.firmware).flatMap { $0.isEmpty ? nil : $0 } }
}

/// What `verify` needs of the station's Modbus server (alfen-station.md §1): firmware and its SCN block.
public struct StationModbusView: Sendable, Equatable {
    public var firmware: String
    /// Empty when the station is in no SCN.
    public var scnName: String
    public var scnSockets: Int?

    public init(firmware: String, scnName: String, scnSockets: Int?) {
        self.firmware = firmware
        self.scnName = scnName
        self.scnSockets = scnSockets
    }
}

/// A station heard on mDNS (SPEC §5 TXT keys).
public struct AdvertisedStation: Sendable, Equatable {
    public var identity: String
    /// nil when it advertises no SCN.
    public var scnNetwork: String?

    public init(identity: String, scnNetwork: String?) {
        self.identity = identity
        self.scnNetwork = scnNetwork
    }
}

/// The ALB meter as `verify` read it over Modbus TCP.
public enum MeterObservation: Sendable, Equatable {
    /// The site has no meter the laptop can read (no ALB, or a P1, TIC, RS-485 or EMS source).
    case none
    case unreachable(address: String, reason: String)
    /// `findings`: the meter test's own judgement (`MeterPlausibility`), in the SPEC §7 finding shape.
    case read(address: String, findings: [Finding])
}
