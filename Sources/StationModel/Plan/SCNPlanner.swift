import AllocationCore

/// One station of an SCN as the planner needs it.
public struct SCNMember: Sendable, Equatable {
    public var station: String
    public var firstSocketID: Int
    /// 1 or 2.
    public var socketCount: Int
    /// One per socket.
    public var mappings: [PhaseMapping]

    public init(station: String, firstSocketID: Int, socketCount: Int, mappings: [PhaseMapping]) {
        self.station = station
        self.firstSocketID = firstSocketID
        self.socketCount = socketCount
        self.mappings = mappings
    }

    public var socketIDs: Range<Int> { firstSocketID..<firstSocketID + socketCount }
}

/// The network-wide SCN settings.
public struct SCNParameters: Sendable, Equatable {
    public var name: String
    public var totalCurrent: Double
    public var socketSafeCurrent: Double
    public var alternatingPeriod: Double
    /// `SCN-TotalSafeCurrent`: written only when set (SPEC §3).
    public var totalSafeCurrent: Double?

    public init(name: String, totalCurrent: Double, socketSafeCurrent: Double = 6, alternatingPeriod: Double = 900,
                totalSafeCurrent: Double? = nil) {
        self.totalSafeCurrent = totalSafeCurrent
        self.name = name
        self.totalCurrent = totalCurrent
        self.socketSafeCurrent = socketSafeCurrent
        self.alternatingPeriod = alternatingPeriod
    }
}

/// SPEC §3: SCN create and add. Socket ids from 0, a two-socket station takes id and id+1, `SCN-SocketCount` the
/// same on every member; joining takes the next free id and rewrites the count everywhere.
public enum SCNPlanner {
    public static func create(_ members: [SCNMember], _ parameters: SCNParameters) -> [StationPlan] {
        let total = members.reduce(0) { $0 + $1.socketCount }
        return members.map { StationPlan(station: $0.station, changes: memberChanges($0, parameters, socketCount: total)) }
    }

    /// Plans for adding `station` to an SCN whose members are `existing`: the full SCN settings on the newcomer,
    /// the new socket count on everyone else.
    public static func add(_ station: String, socketCount: Int, mappings: [PhaseMapping], to existing: [SCNMember],
                           _ parameters: SCNParameters) -> (member: SCNMember, plans: [StationPlan]) {
        let member = SCNMember(station: station, firstSocketID: nextFreeID(in: existing, count: socketCount),
                               socketCount: socketCount, mappings: mappings)
        let total = existing.reduce(socketCount) { $0 + $1.socketCount }
        var plans = existing.map { StationPlan(station: $0.station, changes: [SettingChange(.scnSocketCount, .integer(total))]) }
        plans.append(StationPlan(station: station, changes: memberChanges(member, parameters, socketCount: total)))
        return (member, plans)
    }

    /// The lowest id with room for `count` consecutive sockets.
    public static func nextFreeID(in members: [SCNMember], count: Int) -> Int {
        let used = Set(members.flatMap(\.socketIDs))
        var candidate = 0
        while (candidate..<candidate + count).contains(where: used.contains) { candidate += 1 }
        return candidate
    }

    static func memberChanges(_ member: SCNMember, _ parameters: SCNParameters, socketCount: Int) -> [SettingChange] {
        var changes = [
            SettingChange(.scnEnabled, .bool(true)),
            SettingChange(.scnName, .text(parameters.name)),
            SettingChange(.scnSocketID, .integer(member.firstSocketID)),
            SettingChange(.scnTotalCurrent, .amperes(parameters.totalCurrent)),
            SettingChange(.scnSocketSafeCurrent, .amperes(parameters.socketSafeCurrent)),
            SettingChange(.scnAlternatingPeriod, .integer(Int(parameters.alternatingPeriod.rounded()))),
            SettingChange(.scnPhaseMapping1, .mapping(member.mappings.first ?? .l1)),
            // A single-feeder two-socket station has identical mappings; a one-socket station none for socket 2.
            SettingChange(.scnPhaseMapping2, .mapping(member.socketCount == 2 ? (member.mappings.last ?? .l1) : nil)),
            SettingChange(.scnSocketCount, .integer(socketCount)),
        ]
        if let total = parameters.totalSafeCurrent { changes.append(SettingChange(.scnTotalSafeCurrent, .amperes(total))) }
        return changes
    }
}

extension Site {
    /// The SCN members a site describes, in file order.
    public func scnMembers(layout: SiteLayout? = nil) -> [SCNMember] {
        let layout = layout ?? SiteLayout(self)
        return stations.indices.map { index in
            let sockets = layout.sockets.filter { $0.station == index }.sorted { $0.connector < $1.connector }
            return SCNMember(station: stations[index].id, firstSocketID: layout.firstSocketIDs[index],
                             socketCount: stations[index].sockets.count, mappings: sockets.map(\.mapping))
        }
    }
}
