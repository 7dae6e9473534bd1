import ChargeIO

extension VirtualStation {
    /// A reboot, whichever side asked (OCPP Reset, `/api/cmd reboot`, a licence key written over HTTPS): the
    /// stored configuration takes effect, the charge point drops and redials after `rebootTime` — at the new
    /// back-office URL if one was written (what `adopt` relies on) — and the HTTPS API is away as long.
    func restart(chargePoint: OCPPChargePoint, https: StationHTTPSServer?, rebootTime: Duration,
                 onEvent: @Sendable (VirtualSiteEvent) -> Void) {
        onEvent(.rebooting(station: identity.identity, for: rebootTime))
        reboot()
        if let text = state.withLock({ $0.properties.effectiveBackOfficeURL }) {
            if let url = ChargePointURL(text) {
                chargePoint.redial(to: url)
            } else {
                onEvent(.connectFailed(station: identity.identity, reason: "back-office URL \(text) is not a ws:// URL", retryIn: rebootTime))
            }
        }
        chargePoint.goOffline(for: rebootTime)
        https?.goOffline(for: rebootTime)
    }
}
