import AllocationCore

extension Site {
    /// The allocation core's view of a valid site (SPEC §4 model). Without an `scn` block the lone station's
    /// installation maximum is the fuse in front of it and its sockets are ids 0 and 1.
    public func allocationSite(layout: SiteLayout? = nil) -> AllocationSite {
        let layout = layout ?? SiteLayout(self)
        let phases: [Phase] = installation.phases == 1 ? [.l1] : Phase.allCases
        let stationSpecs = stations.map { StationSpec(id: $0.id, maxCurrent: $0.maxCurrent) }
        let socketSpecs = layout.sockets.map { socket in
            SocketSpec(id: socket.scnID, station: socket.station, connector: socket.connector,
                       maxCurrent: stations[socket.station].sockets[socket.connector - 1].maxCurrent,
                       mapping: socket.mapping, probingCurrent: stations[socket.station].probingCurrent ?? 14)
        }
        return AllocationSite(phases: phases, installationMaxCurrent: installation.maxCurrent,
                              socketSafeCurrent: scn?.socketSafeCurrent ?? 6, alternatingPeriod: scn?.alternatingPeriod ?? 900,
                              stations: stationSpecs, sockets: socketSpecs, supply: supply, totalSafeCurrent: scn?.totalSafeCurrent)
    }

    var supply: Supply {
        guard let alb else { return .installation }
        switch alb.source {
        case .ems:
            let ems = alb.ems ?? EMSSettings()
            return .ems(mode: ems.mode, validityTime: ems.validityTime, safeCurrent: alb.safeCurrent)
        case .p1, .tic, .modbusRTU, .modbusTCP:
            return .meter(maxCurrent: alb.maxCurrent, safeCurrent: alb.safeCurrent)
        }
    }

    /// SPEC §2: without a scenario, an EV (1-phase on a 1-phase site, 3-phase otherwise, minimum 6 A) connects to
    /// every socket in SCN-id order 70 s apart, and the preview runs 2 h.
    public func defaultScenario(layout: SiteLayout? = nil) -> Scenario {
        let layout = layout ?? SiteLayout(self)
        let phases = installation.phases == 1 ? 1 : 3
        let events = layout.sockets.enumerated().map { index, socket in
            ScenarioEvent(at: Double(index) * 70, kind: .connect(.scnID(socket.scnID), EVProfile(phases: phases, minCurrent: 6)))
        }
        return Scenario(duration: 7200, events: events)
    }
}
