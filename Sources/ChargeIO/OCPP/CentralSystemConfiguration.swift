import OCPP16

/// How the central system listens and whom it lets in (SPEC §1 `--listen`, `--accept-any`, `--ocpp-password-env`;
/// SPEC §5).
public struct CentralSystemConfiguration: Sendable {
    /// Binds exactly this address: tests and `demo` pass `127.0.0.1` (SPEC §1, network defaults).
    public var host: String
    /// `0` picks a free port; `CentralSystem.listeningAddress` then tells which.
    public var port: Int
    /// The identities expected; any other is refused with 404 (OCPP-J 1.6 §3.2) unless `acceptAny`.
    public var stations: Set<String>
    public var acceptAny: Bool
    /// Security profile 1 passwords by identity. A station with a password must send it with HTTP Basic; one
    /// without connects unauthenticated (profile 0).
    public var passwords: [String: String]
    /// How long a CALL waits for its answer.
    public var callTimeout: Duration
    /// Silence after which a WebSocket Ping is sent, and how long a Pong (or anything) may then take before the
    /// socket is taken for half-open and dropped (OCPP-J 1.6 §5.3, errata 3.9).
    public var pingInterval: Duration
    public var pingTimeout: Duration
    /// A connection that has not finished its HTTP upgrade by then is closed.
    public var handshakeTimeout: Duration
    /// The largest message accepted; a full GetConfiguration of a station easily exceeds NIO's 16 KiB default.
    /// 1 MiB matches the Python `websockets` default.
    public var maximumMessageSize: Int
    /// BootNotification answer (SPEC §1: Accepted, 300 s).
    public var registrationStatus: BootNotification.RegistrationStatus
    public var heartbeatInterval: Int
    /// TLS (security profile 2) when set; plain WebSocket (profiles 0 and 1) otherwise.
    public var security: (any ChannelSecurity)?
    /// Told about connects, disconnects and refusals (`serve` logs them); called from the connection's task.
    public var events: (@Sendable (CentralSystemEvent) -> Void)?

    public init(
        host: String = "0.0.0.0", port: Int = 8180, stations: Set<String> = [], acceptAny: Bool = false,
        passwords: [String: String] = [:], callTimeout: Duration = .seconds(30), pingInterval: Duration = .seconds(30),
        pingTimeout: Duration = .seconds(10), handshakeTimeout: Duration = .seconds(10),
        maximumMessageSize: Int = 1 << 20, registrationStatus: BootNotification.RegistrationStatus = .accepted,
        heartbeatInterval: Int = 300, security: (any ChannelSecurity)? = nil,
        events: (@Sendable (CentralSystemEvent) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.stations = stations
        self.acceptAny = acceptAny
        self.passwords = passwords
        self.callTimeout = callTimeout
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.handshakeTimeout = handshakeTimeout
        self.maximumMessageSize = maximumMessageSize
        self.registrationStatus = registrationStatus
        self.heartbeatInterval = heartbeatInterval
        self.security = security
        self.events = events
    }

    var policy: HandshakePolicy {
        HandshakePolicy(stations: stations.union(passwords.keys), acceptAny: acceptAny, passwords: passwords)
    }
}
