import ChargeIO
import ModbusProtocol

/// How a virtual site runs (SPEC §1 network defaults: loopback only). Every port is ephemeral, so several sites
/// run side by side.
public struct VirtualSiteOptions: Sendable {
    /// Where the Modbus servers bind and what the mDNS A records say.
    public var host: String
    /// How long a station stays offline after Reset before it reconnects and boots.
    public var rebootTime: Duration
    /// The interface mDNS is published on; nil publishes nothing.
    public var mdnsInterface: String?
    /// The simulated meter's preset; nil takes the site's `alb.meter.preset`, else the Socomec Countis E27.
    public var meterPreset: String?
    /// Feature bits every station starts with (alfen-station.md §4.4); 0 is a station fresh from the factory.
    public var unlockedFeatures: UInt32
    /// OCPP security profile 1 passwords by station identity.
    public var ocppPasswords: [String: String]
    public var firmware: String
    /// The charge points' reconnect policy.
    public var backoff: ReconnectBackoff
    /// Makes each station's TLS (a self-signed certificate, SPEC §3), given its identity and address; nil serves
    /// no HTTPS API. Kept out of this target so only the TLS target imports NIOSSL (ARCHITECTURE.md).
    public var httpsSecurity: (@Sendable (_ identity: String, _ host: String) throws -> any ChannelSecurity)? = nil
    /// The HTTPS API password of user `admin` by station identity; `defaultHTTPSPassword` for the others.
    public var httpsPasswords: [String: String] = [:]
    /// How long logins are refused after five wrong passwords in a row.
    public var httpsLockout: Duration = .seconds(60)
    /// Seconds into the scenario the site starts at, as if it had been running that long (a test that needs EVs past
    /// their 60 s of probing starts there).
    public var startAt = 0.0
    /// Faults seeded for `verify` to find (issue 17); none by default.
    public var faults = SiteFaults()
    /// How the station hosting load balancing sees the site meter over HTTPS (`5221_x`); nil: as the meter
    /// measures. Tests give a transform for a meter the station reads wrong (swapped wires, a wrong map).
    public var stationMeterView: (@Sendable ([MeterQuantity: Double?]) -> [MeterQuantity: Double?])? = nil
    /// Called for everything the site does worth telling (station connected, key changed, rebooting, …).
    public var onEvent: @Sendable (VirtualSiteEvent) -> Void

    public init(host: String = "127.0.0.1", rebootTime: Duration = .seconds(5), mdnsInterface: String? = "lo",
                meterPreset: String? = nil, unlockedFeatures: UInt32 = 0, ocppPasswords: [String: String] = [:],
                firmware: String = VirtualStationIdentity.defaultFirmware, backoff: ReconnectBackoff = ReconnectBackoff(),
                onEvent: @escaping @Sendable (VirtualSiteEvent) -> Void = { _ in }) {
        self.host = host
        self.rebootTime = rebootTime
        self.mdnsInterface = mdnsInterface
        self.meterPreset = meterPreset
        self.unlockedFeatures = unlockedFeatures
        self.ocppPasswords = ocppPasswords
        self.firmware = firmware
        self.backoff = backoff
        self.onEvent = onEvent
    }

    public static let defaultMeterPreset = "socomec-countis-e27"
    /// The HTTPS password of a station whose site entry has no `httpsPassword` (Docs/virtual-site.md).
    public static let defaultHTTPSPassword = "chargectl-demo"
}
