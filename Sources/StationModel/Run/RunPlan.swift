/// What a live run writes, per station, in one link's terms: the licence step with its own reboot, then the
/// settings' wire writes in order (SPEC §3, §6). Saved next to the journal (secrets masked) so `apply --resume`
/// runs exactly this plan again.
public struct RunPlan: Sendable, Codable, Equatable {
    public struct Station: Sendable, Codable, Equatable {
        public var station: String
        public var unlock: UnlockStep?
        public var writes: [PlannedWrite]

        public init(station: String, unlock: UnlockStep? = nil, writes: [PlannedWrite]) {
            self.station = station
            self.unlock = unlock
            self.writes = writes
        }

        /// SPEC §6: a station writing SCN settings takes part in the SCN's all-or-nothing rollback.
        public var isSCNMember: Bool { writes.contains { RunPlan.isSCNSetting($0.setting) } }
    }

    /// `FeatureLicenseKey`, then a reboot, then `UnlockedFeatures` must show the `expect`ed features (SPEC §1).
    public struct UnlockStep: Sendable, Codable, Equatable {
        public var write: PlannedWrite
        public var expect: [String]

        public init(write: PlannedWrite, expect: [String] = []) {
            self.write = write
            self.expect = expect
        }
    }

    /// The command that made the plan (`apply`, `unlock`, `config set`, …), for the run's id and its report.
    public var command: String
    public var link: LinkKind
    public var stations: [Station]
    /// The site file the run came from: a resume reads its secrets and passwords from it again.
    public var site: String?
    /// Where each station's OCPP password comes from (never the password itself), so a resume without the site
    /// file authenticates its stations as the run did.
    public var passwords: [String: SecretSource]
    /// The run accepted any station identity and password (`--accept-any`).
    public var acceptAny: Bool
    /// `--leave`: members of another SCN may be taken out of it though not all of its members are in the run.
    public var allowLeaving = false
    /// Over HTTPS: how the run reached each station (address, user, where the password comes from), so that
    /// `apply --resume RUN` reaches it again without the command line that started it. nil over OCPP.
    public var https: [String: HTTPSAccess]?

    public init(command: String, link: LinkKind = .ocpp, stations: [Station], site: String? = nil,
                passwords: [String: SecretSource] = [:], acceptAny: Bool = false) {
        self.command = command
        self.link = link
        self.stations = stations
        self.site = site
        self.passwords = passwords
        self.acceptAny = acceptAny
    }

    public static func isSCNSetting(_ setting: SettingID?) -> Bool { setting?.rawValue.hasPrefix("scn.") ?? false }

    /// The licence features writes need (SPEC §3 pre-flight, reference §4.4): SCN settings need `scn`; ALB and the
    /// EMS interface need `alb`.
    public static func requiredFeatures(of writes: [PlannedWrite]) -> [String] {
        let ids = writes.compactMap(\.setting?.rawValue)
        return (ids.contains { $0.hasPrefix("scn.") } ? ["scn"] : []) + (ids.contains { $0.hasPrefix("alb.") || $0.hasPrefix("ems.") } ? ["alb"] : [])
    }

    /// The plan as it may be stored: secret values as the mask (SPEC §6).
    public var masked: RunPlan {
        var copy = self
        for index in copy.stations.indices {
            copy.stations[index].writes = copy.stations[index].writes.map(\.masked)
            if let write = copy.stations[index].unlock?.write { copy.stations[index].unlock?.write = write.masked }
        }
        return copy
    }

    /// Puts back the secret values a stored plan masked, from a fresh plan of the same site.
    public func filledSecrets(from fresh: RunPlan) -> RunPlan {
        var copy = self
        for index in copy.stations.indices {
            guard let write = copy.stations[index].unlock?.write, write.isMaskedSecret,
                  let value = fresh.stations.first(where: { $0.station == copy.stations[index].station })?.unlock?.write.value else { continue }
            copy.stations[index].unlock?.write.value = value
        }
        return copy
    }
}

/// How an HTTPS run reached one station, as a stored run keeps it: never the password itself.
public struct HTTPSAccess: Sendable, Codable, Equatable {
    /// `IP` or `IP:PORT`, as given.
    public var host: String
    public var user: String
    /// nil: typed at a prompt, so a resume asks again (or takes the flags it is given).
    public var password: SecretSource?

    public init(host: String, user: String, password: SecretSource?) {
        self.host = host
        self.user = user
        self.password = password
    }
}

/// Where a secret comes from, as a stored run may name it: never the secret itself.
public enum SecretSource: Sendable, Codable, Equatable {
    case env(String)
    case file(String)
    /// The station's entry in the run's site file (a literal there is read again from the file).
    case siteFile
}
