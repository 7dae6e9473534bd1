import StationModel

/// What a live run writes, per station, as the executor needs it: the compiled OCPP writes in order, the licence
/// step with its own reboot, and whether the station is a member of the run's SCN (SPEC §3, §6). Saved next to the
/// journal (secrets masked) so `apply --resume` knows what the run was.
public struct ExecutionPlan: Sendable, Codable, Equatable {
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
        public var isSCNMember: Bool { writes.contains { ExecutionPlan.isSCNSetting($0.setting) } }
    }

    /// `FeatureLicenseKey`, then Reset, then `UnlockedFeatures` must show the `expect`ed features (SPEC §1).
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
    public var stations: [Station]
    /// The site file a run came from, so a resumed run can resolve its secrets again.
    public var site: String?

    public init(command: String, stations: [Station], site: String? = nil) {
        self.command = command
        self.stations = stations
        self.site = site
    }

    /// A planner's plan compiled for the OCPP link.
    public init(command: String, plan: Plan, aliases: KeyAliases = .none, expect: [String] = [], site: String? = nil) {
        self.init(command: command, stations: plan.stations.map { station in
            let unlock = station.unlock.flatMap { OCPPPlanCompiler.writes([$0], aliases: aliases).first }
            return Station(station: station.station, unlock: unlock.map { UnlockStep(write: $0, expect: expect) },
                           writes: OCPPPlanCompiler.writes(station.changes, aliases: aliases))
        }, site: site)
    }

    public static func isSCNSetting(_ setting: SettingID?) -> Bool { setting?.rawValue.hasPrefix("scn.") ?? false }

    /// The plan as it may be stored: secret values as `***` (SPEC §6).
    public var masked: ExecutionPlan {
        var copy = self
        for index in copy.stations.indices {
            copy.stations[index].writes = copy.stations[index].writes.map { PlannedWrite(setting: $0.setting, key: $0.key, value: $0.shownValue) }
            if let write = copy.stations[index].unlock?.write {
                copy.stations[index].unlock?.write = PlannedWrite(setting: write.setting, key: write.key, value: write.shownValue)
            }
        }
        return copy
    }
}
