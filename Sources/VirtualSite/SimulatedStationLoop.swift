import ChargeIO
import OCPP16

/// Reacts to one station's charge-point events: BootNotification on the first connection after a (re)boot only
/// (OCPP 1.6 §4.2: a mere reconnect sends none; a central system that wants one asks with TriggerMessage), reboot on
/// Reset, answer TriggerMessage. Ends when the charge point's event stream ends.
struct SimulatedStationLoop: Sendable {
    let station: VirtualStation
    let chargePoint: OCPPChargePoint
    let rebootTime: Duration
    /// The station's HTTPS API, which goes away for the reboot too; nil when the site serves none.
    var https: StationHTTPSServer? = nil
    let onEvent: @Sendable (VirtualSiteEvent) -> Void

    func run() async {
        let id = station.identity.identity
        // Only the first failure of a run of them is told: the backoff retries quietly until it connects.
        var failing = false
        for await event in chargePoint.events {
            switch event {
            case .connected:
                failing = false
                station.state.withLock { $0.connected = true }
                onEvent(.connected(station: id))
                // OCPP 1.6 §4.2: BootNotification on the first connection after a (re)boot only.
                if station.takeBootPending() { await boot() }
            case .disconnected:
                station.state.withLock { $0.connected = false }
                onEvent(.disconnected(station: id))
            case .connectFailed(let reason, let retry):
                if !failing { onEvent(.connectFailed(station: id, reason: reason, retryIn: retry)) }
                failing = true
            case .gaveUp:
                onEvent(.gaveUp(station: id))
            case .received(.reset):
                // The Accepted answer is already queued; the socket closes after it is written.
                station.restart(chargePoint: chargePoint, https: https, rebootTime: rebootTime, onEvent: onEvent)
            case .received(.triggerMessage(let trigger)):
                Task { await triggered(trigger.requestedMessage, connector: trigger.connectorId) }
            case .received:
                break
            }
        }
    }

    /// BootNotification, then each connector's status (OCPP 1.6 §4.2, §4.9). Runs beside the reader, so the
    /// answers can arrive.
    private func boot() async {
        let result = await chargePoint.call(.bootNotification(station.bootRequest))
        switch result {
        case .success(.bootNotification(let confirmation)):
            onEvent(.booted(station: station.identity.identity, status: confirmation.status.rawValue))
        case .success:
            onEvent(.booted(station: station.identity.identity, status: "unexpected answer"))
        case .failure(let failure):
            onEvent(.booted(station: station.identity.identity, status: "failed (\(failure))"))
            // Still unannounced: the next connection tries again.
            station.state.withLock { $0.bootPending = true }
            return
        }
        for connector in 0...station.identity.sockets { await status(connector) }
    }

    private func status(_ connector: Int) async {
        _ = await chargePoint.call(.statusNotification(StatusNotification.Request(
            connectorId: connector, errorCode: .noError, status: .available)))
    }

    private func triggered(_ message: TriggerMessage.MessageTrigger, connector: Int?) async {
        switch message {
        case .bootNotification: await boot()
        case .heartbeat: _ = await chargePoint.call(.heartbeat)
        case .statusNotification:
            if let connector { await status(connector) } else {
                for index in 0...station.identity.sockets { await status(index) }
            }
        default: break
        }
    }
}
