import AllocationCore
import ModbusProtocol
import OCPP16
import SharedText
import Synchronization

/// One simulated station's state, shared by its charge point (OCPP answers), its Modbus server (registers and set
/// points) and the mDNS publisher. Decisions are the pure types' (`StationConfigStore`, `StationRegisters`,
/// `Setpoints`); this class only holds them under a lock and reports what happened.
final class VirtualStation: Sendable {
    struct State: Sendable {
        var store: StationConfigStore
        /// The HTTPS-only properties (`StationPropertyStore`); the OCPP keys they share live in `store`.
        var properties = StationPropertyStore([:])
        var setpoints = Setpoints()
        /// Site time of the last boot: the uptime register and set-point clock start there.
        var bootedAt: Double = 0
        var connected = false
        /// OCPP 1.6 §4.2: BootNotification is sent on the first connection after a (re)boot, not on a reconnect.
        var bootPending = true
    }

    let identity: VirtualStationIdentity
    /// Its index in the site file.
    let index: Int
    let state: Mutex<State>
    private let views: SiteViews
    private let now: @Sendable () -> Double
    private let onEvent: @Sendable (VirtualSiteEvent) -> Void

    init(identity: VirtualStationIdentity, index: Int, unlockedFeatures: UInt32, faults: SiteFaults = SiteFaults(), views: SiteViews,
         now: @escaping @Sendable () -> Double, onEvent: @escaping @Sendable (VirtualSiteEvent) -> Void) {
        self.identity = identity
        self.index = index
        self.state = Mutex(State(store: StationConfigStore(identity: identity, unlockedFeatures: unlockedFeatures,
                                                           pinned: faults.pinned[identity.identity] ?? [:],
                                                           locked: faults.locked[identity.identity] ?? 0)))
        self.views = views
        self.now = now
        self.onEvent = onEvent
    }

    var store: StationConfigStore { state.withLock { $0.store } }

    // MARK: OCPP

    /// Answers the central system's CALLs the way a station does (OCPP 1.6 §5).
    func respond(to request: OCPPRequest) -> CallResponse {
        switch request {
        case .getConfiguration(let get):
            let answer = state.withLock { $0.store.getConfiguration(get) }
            onEvent(.configurationRead(station: identity.identity, keys: answer.configurationKey?.count ?? 0,
                                       unknown: answer.unknownKey ?? []))
            return .confirmation(.getConfiguration(answer))
        case .changeConfiguration(let change):
            let status = state.withLock { $0.store.changeConfiguration(change) }
            // A setting that takes effect at once (SmartMeter-MaxCurrent, say) changes the allocation now.
            if status == .accepted { settingsChanged() }
            let secret = SecretMask.isSecretKey(change.key)
            onEvent(.keyChanged(station: identity.identity, key: change.key, value: secret ? SecretMask.text : change.value, status: status))
            return .confirmation(.changeConfiguration(ChangeConfiguration.Confirmation(status: status)))
        case .reset:
            return .confirmation(.reset(Reset.Confirmation(status: .accepted)))
        case .triggerMessage(let trigger):
            let supported: Set<TriggerMessage.MessageTrigger> = [.bootNotification, .heartbeat, .statusNotification]
            return .confirmation(.triggerMessage(TriggerMessage.Confirmation(
                status: supported.contains(trigger.requestedMessage) ? .accepted : .notImplemented)))
        case .changeAvailability:
            return .confirmation(.changeAvailability(ChangeAvailability.Confirmation(status: .accepted)))
        case .bootNotification, .heartbeat, .statusNotification, .meterValues, .authorize, .dataTransfer:
            return .callError(.notSupported, description: "\(request.action) is sent by a charge point, not to it")
        }
    }

    /// A reboot: stored configuration takes effect, the licence is checked, set points are forgotten, the next
    /// connection announces itself with BootNotification, and the station runs the allocation of its effective
    /// settings from now on (issue 16).
    func reboot() {
        let (before, after) = state.withLock { state -> (UInt32, UInt32) in
            let before = state.store.unlockedFeatures
            state.store.reboot()
            state.properties.reboot()
            state.setpoints.clear()
            state.bootedAt = now()
            state.bootPending = true
            return (before, state.store.unlockedFeatures)
        }
        views.rebooted(index)
        if after != before { onEvent(.featuresUnlocked(station: identity.identity, features: after)) }
    }

    /// A setting took effect without a reboot: the stations that run their effective settings re-derive their
    /// allocation from now on (`verify --live` lowers SmartMeter-MaxCurrent and watches them follow).
    func settingsChanged() { views.settingsChanged(at: now()) }

    /// Whether this connection must announce a boot; true once per boot.
    func takeBootPending() -> Bool {
        state.withLock { state in
            defer { state.bootPending = false }
            return state.bootPending
        }
    }

    var bootRequest: BootNotification.Request {
        BootNotification.Request(chargePointVendor: identity.vendor, chargePointModel: identity.model,
                                 chargePointSerialNumber: String(identity.identity.lowercased().prefix(25)),
                                 chargeBoxSerialNumber: String(identity.identity.prefix(25)),
                                 firmwareVersion: identity.firmware)
    }

    // MARK: Modbus

    /// The registers now: the timeline's sockets and SCN, the effective configuration, the set points.
    func registerBank() -> RegisterBank {
        let t = now()
        let snapshot = state.withLock { $0 }
        let view = views.view(of: index, at: t)
        let timeline = view.timeline
        let interval = timeline.interval(at: t)
        let input = StationRegisterInput(
            identity: identity, config: snapshot.store,
            sockets: view.socketIDs.map { timeline.socket($0, at: t) },
            socketEnergyWh: view.socketIDs.map { timeline.socketEnergyWh($0, at: t) },
            scnLoad: interval?.phaseLoad ?? .zero, scnAvailable: interval?.available ?? .zero,
            setpoints: snapshot.setpoints, time: t - snapshot.bootedAt, ocppConnected: snapshot.connected)
        return StationRegisters.bank(input)
    }

    /// An accepted Modbus write: a set point (1210 on a socket unit, 1417–1421 at unit 200) starts its validity.
    func written(unit: UInt8, address: UInt16, values: [UInt16]) {
        let pairs: [UInt16] = unit == 200 ? StationRegisters.scnSetpointAddresses : [StationRegisters.setpointAddress]
        for pair in pairs where address <= pair && Int(pair) + 2 <= Int(address) + values.count {
            let offset = Int(pair - address)
            guard let value = try? RegisterType.float32.decode(values[offset..<offset + 2], order: .abcd) else { continue }
            let t = now()
            state.withLock { $0.setpoints.record(value, unit: unit, address: pair, at: t - $0.bootedAt) }
            onEvent(.setpointWritten(station: identity.identity, unit: unit, address: pair, value: value))
            // The allocation follows the set point as the scenario's `ems` events make it (SPEC §4 rule 5).
            if unit == 200 {
                views.happened(.ems(limit: value), at: t)
            } else {
                views.happened(.emsSocket(.connector(station: identity.identity, connector: Int(unit)), limit: value), at: t)
            }
        }
    }
}
