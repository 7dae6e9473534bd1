import OCPP16

/// What a virtual site reports as it runs; `simulate` logs these on stderr. Licence keys never appear (SPEC §6).
public enum VirtualSiteEvent: Sendable, CustomStringConvertible {
    case modbusListening(station: String, port: Int)
    case httpsListening(station: String, host: String, port: Int)
    case meterListening(preset: String, port: Int, unit: UInt8)
    /// Seeded fault `meter-unreachable`: the meter's port refuses connections.
    case meterUnreachable(port: Int)
    case mdnsAdvertising(interface: String, stations: Int)
    case mdnsFailed(reason: String)
    case connected(station: String)
    case connectFailed(station: String, reason: String, retryIn: Duration)
    case gaveUp(station: String)
    case disconnected(station: String)
    case booted(station: String, status: String)
    case configurationRead(station: String, keys: Int, unknown: [String])
    case keyChanged(station: String, key: String, value: String, status: ChangeConfiguration.Status)
    case rebooting(station: String, for: Duration)
    case featuresUnlocked(station: String, features: UInt32)
    case setpointWritten(station: String, unit: UInt8, address: UInt16, value: Double)

    public var description: String {
        switch self {
        case let .modbusListening(station, port): "\(station): Modbus TCP on port \(port)"
        case let .httpsListening(station, host, port): "\(station): HTTPS API on \(host):\(port)"
        case let .meterListening(preset, port, unit): "meter (\(preset)): Modbus TCP on port \(port), unit \(unit)"
        case let .meterUnreachable(port): "meter: not answering on port \(port) (seeded fault)"
        case let .mdnsAdvertising(interface, count): "mDNS: advertising \(count) station\(count == 1 ? "" : "s") on \(interface)"
        case let .mdnsFailed(reason): "mDNS: not advertising: \(reason)"
        case let .connected(station): "\(station): connected to the central system"
        case let .connectFailed(station, reason, retry): "\(station): cannot connect (\(reason)); retrying with backoff from \(retry)"
        case let .gaveUp(station): "\(station): gave up connecting"
        case let .disconnected(station): "\(station): disconnected"
        case let .booted(station, status): "\(station): BootNotification \(status)"
        case let .configurationRead(station, keys, unknown):
            "\(station): configuration read (\(keys) keys\(unknown.isEmpty ? "" : ", unknown: \(unknown.joined(separator: ", "))"))"
        case let .keyChanged(station, key, value, status): "\(station): \(key) = \(value): \(status.rawValue)"
        case let .rebooting(station, duration): "\(station): rebooting (offline for \(duration))"
        case let .featuresUnlocked(station, features): "\(station): unlocked features 0x\(String(features, radix: 16))"
        case let .setpointWritten(station, unit, address, value): "\(station): unit \(unit) register \(address) set to \(value) A"
        }
    }
}
