import AllocationCore

/// What a site file implies but does not have to spell out: each socket's SCN id and phase mapping (SPEC §2, §3).
public struct SiteLayout: Sendable, Equatable {
    public struct Socket: Sendable, Equatable {
        public var scnID: Int
        /// Index into `Site.stations`.
        public var station: Int
        /// From 1.
        public var connector: Int
        public var mapping: PhaseMapping
        /// Whether the mapping came from the recommended rotation rather than the file.
        public var mappingAssigned: Bool
    }

    /// Sorted by SCN id.
    public var sockets: [Socket]
    /// Index into `Site.stations` → SCN id of its first socket.
    public var firstSocketIDs: [Int]

    public init(_ site: Site) {
        let firstIDs = Self.firstSocketIDs(site)
        var sockets: [Socket] = []
        for (index, station) in site.stations.enumerated() {
            for (offset, entry) in station.sockets.enumerated() {
                sockets.append(Socket(scnID: firstIDs[index] + offset, station: index, connector: offset + 1,
                                      mapping: entry.phaseMapping ?? .l1, mappingAssigned: entry.phaseMapping == nil))
            }
        }
        sockets.sort { ($0.scnID, $0.station, $0.connector) < ($1.scnID, $1.station, $1.connector) }
        Self.assignRecommendedRotation(site, &sockets)
        self.sockets = sockets
        self.firstSocketIDs = firstIDs
    }

    public func socket(station: Int, connector: Int) -> Socket? {
        sockets.first { $0.station == station && $0.connector == connector }
    }

    /// Explicit `socketId`s stand; the others take the next free ids in file order (a two-socket station two).
    static func firstSocketIDs(_ site: Site) -> [Int] {
        var reserved = Set<Int>()
        for station in site.stations {
            if let first = station.socketID { reserved.formUnion(first..<first + max(1, station.sockets.count)) }
        }
        var cursor = 0
        return site.stations.map { station in
            let count = max(1, station.sockets.count)
            if let first = station.socketID {
                cursor = max(cursor, first + count)
                return first
            }
            while (cursor..<cursor + count).contains(where: reserved.contains) { cursor += 1 }
            defer { cursor += count }
            reserved.formUnion(cursor..<cursor + count)
            return cursor
        }
    }

    /// SPEC §3: 3-phase stations take L1L2L3, L3L1L2, L2L3L1, … advancing once per 3-phase feeder in file order;
    /// 1-phase sockets take L1, L2, L3, … in SCN-id order; explicit mappings consume no step.
    static func assignRecommendedRotation(_ site: Site, _ sockets: inout [Socket]) {
        guard site.installation.phases == 3 else { return }
        var feederStep = 0
        for (index, station) in site.stations.enumerated() where site.stationPhases(index) == 3 {
            for connector in 1...max(1, station.sockets.count) {
                guard let position = sockets.firstIndex(where: { $0.station == index && $0.connector == connector }) else { continue }
                if sockets[position].mappingAssigned {
                    sockets[position].mapping = PhaseMapping.rotation[feederStep % 3]
                    if station.feeders == 2 { feederStep += 1 }
                }
            }
            let assignedAny = sockets.contains { $0.station == index && $0.mappingAssigned }
            if station.feeders != 2, assignedAny { feederStep += 1 }
        }
        var singleStep = 0
        for position in sockets.indices where sockets[position].mappingAssigned && site.stationPhases(sockets[position].station) == 1 {
            sockets[position].mapping = PhaseMapping(phases: [Phase.allCases[singleStep % 3]])!
            singleStep += 1
        }
    }
}

extension Site {
    /// A station's phases: as written, else its model's (manual §4.5), else the installation's.
    public func stationPhases(_ index: Int) -> Int {
        stations[index].phases ?? stations[index].model.flatMap(StationModels.lookup)?.phases ?? installation.phases
    }

    /// The station that hosts the ALB meter or EMS: `alb.station` (id or name), else the first.
    public var albStationIndex: Int? {
        guard let alb else { return nil }
        guard let named = alb.station else { return stations.isEmpty ? nil : 0 }
        return stations.firstIndex { $0.id == named || $0.name == named }
    }
}
