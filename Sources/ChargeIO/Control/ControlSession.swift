import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// What one client of the control socket may do: each request becomes one `StationDirectory` or
/// `StationConnection` call. The station connections handed to this client are numbered, so later requests can
/// name them.
final class ControlSession: Sendable {
    let directory: any StationDirectory
    let logger: Logger
    private let handed = NIOLockedValueBox<[Int: any StationConnection]>([:])

    init(directory: any StationDirectory, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    func handle(_ request: ControlRequest) async -> ControlResponse {
        var response = ControlResponse(id: request.id)
        do throws(StationError) {
            switch request.op {
            case .hello:
                response.listeningAddress = directory.listeningAddress
            case .wait:
                let station = request.station ?? ""
                let previous = request.replacing.flatMap { token in handed.withLockedValue { $0[token] } }
                let connection = try await directory.waitForStation(
                    station, timeout: .milliseconds(request.timeout ?? 0), replacing: previous)
                response.connection = token(for: connection)
                response.station = connection.identity
                response.boot = connection.bootInfo.map(ControlBoot.init)
            default:
                guard let token = request.connection, let connection = handed.withLockedValue({ $0[token] }) else {
                    return ControlResponse(id: request.id, error: ControlError(badRequest: "unknown connection"))
                }
                try await perform(request, on: connection, into: &response)
            }
        } catch {
            response.error = ControlError(error)
        }
        return response
    }

    private func perform(_ request: ControlRequest, on connection: any StationConnection,
                         into response: inout ControlResponse) async throws(StationError) {
        switch request.op {
        case .getConfiguration:
            let configuration = try await connection.getConfiguration(keys: request.keys)
            response.keys = configuration.keys
            response.unknown = configuration.unknown
        case .changeConfiguration:
            response.status = try await connection.changeConfiguration(key: request.key ?? "", value: request.value ?? "").rawValue
        case .reset:
            response.status = try await connection.reset(request.resetType ?? .soft).rawValue
        case .triggerMessage:
            guard let trigger = request.trigger else { throw StationError(station: connection.identity, reason: .invalidRequest("no message to trigger")) }
            response.status = try await connection.triggerMessage(trigger, connectorId: request.connectorId).rawValue
        case .waitForBoot:
            response.boot = ControlBoot(try await connection.waitForBoot(timeout: .milliseconds(request.timeout ?? 0)))
        case .close:
            await connection.close()
        case .hello, .wait:
            break
        }
    }

    /// The same connection always gets the same number on one control connection.
    private func token(for connection: any StationConnection) -> Int {
        handed.withLockedValue { table in
            if let known = table.first(where: { $0.value === connection }) { return known.key }
            let next = (table.keys.max() ?? 0) + 1
            table[next] = connection
            return next
        }
    }
}
