import ModbusProtocol

/// Where a Modbus device is and how its frames travel (SPEC §5): MBAP over TCP, RTU frames over TCP (a transparent
/// RS-485 gateway), or RTU over a local serial port.
public enum ModbusEndpoint: Hashable, Sendable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case rtuOverTCP(host: String, port: Int)
    case serial(path: String, settings: MeterPreset.SerialSettings)

    public var description: String {
        switch self {
        case .tcp(let host, let port): "\(host):\(port)"
        case .rtuOverTCP(let host, let port): "\(host):\(port) (RTU over TCP)"
        case .serial(let path, let settings):
            "\(path) \(settings.baudRate) \(settings.dataBits)\(settings.parity.rawValue.prefix(1).uppercased())\(settings.stopBits)"
        }
    }
}

/// Timing of a client. Every wait is bounded by these numbers, so no request loop can hang.
public struct ModbusClientOptions: Hashable, Sendable {
    /// Per request, from the first byte sent to the last byte received.
    public var timeout: Double
    /// Connection attempts before giving up, with `backoff` doubling between them.
    public var connectAttempts: Int
    public var backoff: Double

    public init(timeout: Double = 3, connectAttempts: Int = 3, backoff: Double = 0.2) {
        self.timeout = max(timeout, 0.001)
        self.connectAttempts = max(connectAttempts, 1)
        self.backoff = max(backoff, 0)
    }
}

/// The one capability commands need from a Modbus transport: send a request to a unit, get its response. An
/// exception reply is thrown as `ModbusClientError.exception`, so a returned response is always a normal one.
public protocol ModbusConnection: Sendable {
    func send(_ request: ModbusRequest, unit: UInt8) async throws(ModbusClientError) -> ModbusResponse
    /// Seconds since the last completed exchange; a watcher sends traffic before a server's idle drop.
    var idleSeconds: Double { get }
    func close()
}

/// Opens connections; injected into the CLI environment so tests can substitute their own.
public typealias ModbusConnector = @Sendable (ModbusEndpoint, ModbusClientOptions) -> any ModbusConnection
