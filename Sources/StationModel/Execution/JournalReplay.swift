/// A run's journal: one entry per thing that happened, appended before the next step (SPEC §6). Replaying it
/// tells `apply --resume` where each station stands.
public struct JournalEntry: Sendable, Equatable, Codable {
    public enum Event: String, Sendable, Codable { case backup, write, reset, rebooted, finished }
    public var station: String
    public var event: Event
    /// For `write`: the index in the station's planned writes and the station's answer.
    public var index: Int?
    public var status: WriteStatus?
    /// For `backup`: the configuration read (secrets already masked by the shell).
    public var configuration: [String: String]?
    /// For `finished`: the station's outcome (`applied`, `unchanged`, `rolled-back`, `failed`) and why.
    public var outcome: String?
    public var reason: String?

    public init(station: String, event: Event, index: Int? = nil, status: WriteStatus? = nil, configuration: [String: String]? = nil,
                outcome: String? = nil, reason: String? = nil) {
        self.station = station
        self.event = event
        self.index = index
        self.status = status
        self.configuration = configuration
        self.outcome = outcome
        self.reason = reason
    }

    /// The journal name of a station's licence step, which has a reboot of its own before the settings (SPEC §3).
    public static func unlockPhase(of station: String) -> String { station + "#unlock" }
}

public enum JournalReplay {
    public struct StationState: Sendable, Equatable {
        public var backup: StationConfiguration?
        public var applied: [Int: WriteStatus] = [:]
        public var resetDone = false
        public var finished = false
        public var outcome: String?
        public var reason: String?
    }

    public static func state(of station: String, in entries: [JournalEntry]) -> StationState {
        var state = StationState()
        for entry in entries where entry.station == station {
            switch entry.event {
            case .backup: state.backup = entry.configuration.map(StationConfiguration.init)
            case .write:
                if let index = entry.index, let status = entry.status, status.isSuccess {
                    state.applied[index] = status
                    state.resetDone = false
                }
            case .reset: break
            case .rebooted: state.resetDone = true
            case .finished:
                state.finished = true
                state.outcome = entry.outcome
                state.reason = entry.reason
            }
        }
        return state
    }
}
