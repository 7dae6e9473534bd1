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
    private let handed = NIOLockedValueBox(HandedConnections())

    init(directory: any StationDirectory, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// Answers `request` through `reply`, once. Calls on serve's own OCPP connections are forwarded without a task
    /// (a thousand tasks suspended in calls would cost serve ~3 MiB in the OCPP benchmark); waits and paged reads run in
    /// a task of their own.
    func handle(_ request: ControlRequest, reply: @escaping @Sendable (ControlResponse) -> Void) {
        if let token = request.connection,
           let local = handed.withLockedValue({ $0.connections[token] }) as? OCPPStationConnection,
           forward(request, to: local, reply: reply) {
            return
        }
        Task { reply(await handle(request)) }
    }

    /// False when `request` needs a task.
    private func forward(_ request: ControlRequest, to connection: OCPPStationConnection,
                         reply: @escaping @Sendable (ControlResponse) -> Void) -> Bool {
        let id = request.id
        switch request.op {
        case .getConfiguration where (request.keys ?? []).isEmpty:
            connection.getAllConfiguration { reply(.answering(id, $0) { $0.record($1) }) }
        case .changeConfiguration:
            connection.changeConfiguration(key: request.key ?? "", value: request.value ?? "") {
                reply(.answering(id, $0) { $0.status = $1.rawValue })
            }
        case .reset:
            connection.reset(request.resetType ?? .soft) { reply(.answering(id, $0) { $0.status = $1.rawValue }) }
        default:
            return false
        }
        return true
    }

    func handle(_ request: ControlRequest) async -> ControlResponse {
        var response = ControlResponse(id: request.id)
        do throws(StationError) {
            switch request.op {
            case .hello:
                response.listeningAddress = directory.listeningAddress
            case .wait:
                let station = request.station ?? ""
                let previous = request.replacing.flatMap { token in handed.withLockedValue { $0.connections[token] } }
                let connection = try await directory.waitForStation(
                    station, timeout: .milliseconds(request.timeout ?? 0), replacing: previous)
                response.connection = token(for: connection)
                response.station = connection.identity
                response.boot = connection.bootInfo.map(ControlBoot.init)
            default:
                guard let token = request.connection, let connection = handed.withLockedValue({ $0.connections[token] }) else {
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
            response.record(try await connection.getConfiguration(keys: request.keys))
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
        handed.withLockedValue { $0.token(for: connection) }
    }
}

/// The station connections one control client was handed, by number and back.
private struct HandedConnections {
    var connections: [Int: any StationConnection] = [:]
    var tokens: [ObjectIdentifier: Int] = [:]

    mutating func token(for connection: any StationConnection) -> Int {
        if let known = tokens[ObjectIdentifier(connection)] { return known }
        let next = connections.count + 1
        connections[next] = connection
        tokens[ObjectIdentifier(connection)] = next
        return next
    }
}

extension ControlResponse {
    /// The answer to request `id` from a station call's outcome.
    static func answering<T>(_ id: Int, _ outcome: Result<T, StationError>,
                             _ fill: (inout ControlResponse, T) -> Void) -> ControlResponse {
        var response = ControlResponse(id: id)
        switch outcome {
        case .success(let value): fill(&response, value)
        case .failure(let error): response.error = ControlError(error)
        }
        return response
    }

    mutating func record(_ configuration: ConfigurationListing) {
        keys = configuration.keys
        unknown = configuration.unknown
    }
}
