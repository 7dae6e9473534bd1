import AllocationCore

extension Validator {
    /// SPEC §2, §3 (manual §5.3.3 step 10): `Phase-Connected` is "the sequence of the phases of the feeder cable (to
    /// the charging station)" — the grid phases on the ALB station's feeder in its L1-L2-L3 order, the same fact as
    /// that station's phase mapping. So a single-phase station or installation takes a single-phase value, and a
    /// value that disagrees with the station's mapping is refused rather than written.
    /// - Parameters:
    ///   - stationMapping: the ALB station's own mapping (its first socket's), when known.
    ///   - singlePhase: the installation or the ALB station is single-phase.
    public static func phaseConnected(_ value: PhaseMapping, stationMapping: PhaseMapping?, singlePhase: Bool,
                                      _ namer: FieldNamer) -> [ConfigError] {
        let path = namer(.phaseConnected)
        if singlePhase, value.isThreePhase {
            let suggestion = stationMapping.flatMap { $0.isThreePhase ? nil : $0.name } ?? "L1, L2 or L3"
            return [ConfigError(code: "alb.phase-connected-single-phase", path: path,
                                message: "the ALB station is fed on one phase, so its feeder cannot be \(value.name)",
                                hint: "write the one phase its feeder is on (\(suggestion)), or leave \(path) out to take the station's mapping")]
        }
        if let stationMapping, stationMapping != value {
            return [ConfigError(code: "alb.phase-connected-mismatch", path: path,
                                message: "\(path) \(value.name) contradicts the ALB station's phase mapping \(stationMapping.name): both describe its feeder",
                                hint: "leave \(path) out to take \(stationMapping.name), or correct the station's sockets' phaseMapping")]
        }
        return []
    }
}

extension Site {
    /// The ALB station's own phase mapping (its first socket's, as written or assigned by the recommended rotation).
    public func albStationMapping(layout: SiteLayout? = nil) -> PhaseMapping? {
        guard let index = albStationIndex else { return nil }
        return (layout ?? SiteLayout(self)).socket(station: index, connector: 1)?.mapping
    }

    /// `Phase-Connected` as the site plans it (SPEC §2): as written, else the ALB station's own mapping.
    public func plannedPhaseConnected(layout: SiteLayout? = nil) -> PhaseMapping? {
        guard let alb else { return nil }
        return alb.phaseConnected ?? albStationMapping(layout: layout)
    }
}
