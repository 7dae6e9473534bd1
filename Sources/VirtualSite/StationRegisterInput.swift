import AllocationCore
import SharedText

/// Everything a simulated station's Modbus registers are computed from, at one instant.
public struct StationRegisterInput: Sendable {
    public var identity: VirtualStationIdentity
    /// The station's configuration; its effective values count.
    public var config: StationConfigStore
    /// Per connector (1, 2): what the allocation core gives the socket now.
    public var sockets: [SocketAllocation]
    /// Per connector: energy delivered since the start, Wh.
    public var socketEnergyWh: [Double]
    /// The SCN's EV load and what it may use, per phase (the timeline interval's `phaseLoad` and `available`).
    public var scnLoad: PhaseCurrents
    public var scnAvailable: PhaseCurrents
    public var setpoints: Setpoints
    /// Seconds since the station booted; the set points' clock.
    public var time: Double
    public var ocppConnected: Bool

    public init(identity: VirtualStationIdentity, config: StationConfigStore, sockets: [SocketAllocation],
                socketEnergyWh: [Double] = [], scnLoad: PhaseCurrents = .zero, scnAvailable: PhaseCurrents = .zero,
                setpoints: Setpoints = Setpoints(), time: Double = 0, ocppConnected: Bool = true) {
        self.identity = identity
        self.config = config
        self.sockets = sockets
        self.socketEnergyWh = socketEnergyWh
        self.scnLoad = scnLoad
        self.scnAvailable = scnAvailable
        self.setpoints = setpoints
        self.time = time
        self.ocppConnected = ocppConnected
    }

    func amps(_ key: String, default fallback: Double) -> Double {
        config.effectiveValue(key).flatMap { Double($0.trimmingSpaces) } ?? fallback
    }

    /// `MbsSlaveTCPIPValidityTime`, 60 s by default (alfen-station.md §1.2).
    var validity: Double { amps("MbsSlaveTCPIPValidityTime", default: 60) }

    /// A socket's limits now: the applied max (1206), the current drawn, whether the set point binds (1214).
    func socketState(_ connector: Int) -> (applied: Double, current: Double, setpointBinds: Bool) {
        let unit = UInt8(connector)
        let share = connector <= sockets.count ? sockets[connector - 1] : .idle
        let setpoint = setpoints.setpoint(unit: unit, address: StationRegisters.setpointAddress, at: time, validity: validity)
        var limits = [amps("Connector\(connector)-MaxCurrent", default: 32), amps("Station-MaxCurrent", default: 32)]
        let drawing = [.charging, .probing, .safe].contains(share.state)
        if share.state == .paused { limits.append(0) }
        if drawing { limits.append(share.current) }
        let withoutSetpoint = limits.min() ?? 0
        let applied = setpoint.valid ? min(withoutSetpoint, setpoint.value) : withoutSetpoint
        let current = drawing ? applied : 0
        return (applied, current, setpoint.valid && setpoint.value <= withoutSetpoint + 0.001)
    }
}
