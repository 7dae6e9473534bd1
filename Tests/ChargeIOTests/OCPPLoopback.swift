import Foundation
import Logging
import OCPP16
@testable import ChargeIO

/// Starts a central system on 127.0.0.1, port 0, runs `body`, and always shuts it down.
enum OCPPLoopback {
    static func configuration(stations: Set<String> = ["CP1"], passwords: [String: String] = [:]) -> CentralSystemConfiguration {
        CentralSystemConfiguration(host: "127.0.0.1", port: 0, stations: stations, passwords: passwords,
                                   callTimeout: .seconds(5), handshakeTimeout: .seconds(5))
    }

    static func with<T: Sendable>(
        _ configuration: CentralSystemConfiguration = configuration(),
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (CentralSystem, Int) async throws -> T
    ) async throws -> T {
        let central = try await CentralSystem.start(configuration, logger: logger)
        guard let port = central.listeningAddress.split(separator: ":").last.flatMap({ Int($0) }) else {
            await central.shutdown()
            throw TestFailure("no port in \(central.listeningAddress)")
        }
        do {
            let result = try await body(central, port)
            await central.shutdown()
            return result
        } catch {
            await central.shutdown()
            throw error
        }
    }

    static let keys: [GetConfiguration.KeyValue] = [
        .init(key: "GetConfigurationMaxKeys", readonly: true, value: "2"),
        .init(key: "HeartbeatInterval", readonly: false, value: "300"),
        .init(key: "AuthorizationKey", readonly: false, value: "0123456789abcdef"),
        .init(key: "Station-MaxCurrent", readonly: false, value: "32"),
        .init(key: "SCN-NetworkName", readonly: false),
    ]

    static func station(maxKeys: Int? = nil, log: RequestLog = RequestLog()) -> SimulatedStation {
        SimulatedStation(keys: keys, maxKeys: maxKeys, log: log)
    }
}
