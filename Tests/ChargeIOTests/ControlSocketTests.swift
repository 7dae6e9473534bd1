import Foundation
import OCPP16
import Testing
@testable import ChargeIO

/// `serve`'s control socket: a `RemoteStationDirectory` drives the stations of a central system it does not own.
@Suite(.timeLimit(.minutes(1))) struct ControlSocketTests {
    static func socketPath() -> String {
        NSTemporaryDirectory() + "cc-ctl-\(getpid())-\(UInt32.random(in: 0...UInt32.max))/serve.sock"
    }

    static func withControl<T: Sendable>(
        _ configuration: CentralSystemConfiguration = OCPPLoopback.configuration(),
        _ body: (CentralSystem, Int, RemoteStationDirectory, String) async throws -> T
    ) async throws -> T {
        try await OCPPLoopback.with(configuration) { central, port in
            let path = socketPath()
            let server = try await ControlServer.start(path: path, directory: central, logger: .init(label: "test"))
            guard let remote = await RemoteStationDirectory.connect(path: path) else {
                await server.shutdown()
                throw TestFailure("no answer on \(path)")
            }
            do {
                let result = try await body(central, port, remote, path)
                await remote.shutdown()
                await server.shutdown()
                return result
            } catch {
                await remote.shutdown()
                await server.shutdown()
                throw error
            }
        }
    }

    @Test func theSocketIsPrivateAndNamesTheListener() async throws {
        try await Self.withControl { central, _, remote, path in
            #expect(remote.listeningAddress == central.listeningAddress)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func callsGoThroughToTheStation() async throws {
        let log = RequestLog()
        try await Self.withControl { _, port, remote, _ in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station(maxKeys: 2, log: log)).run(socket) }
                let connection = try await remote.waitForStation("CP1", timeout: .seconds(5))
                #expect(connection.identity == "CP1")
                let boot = try await connection.waitForBoot(timeout: .seconds(5))
                #expect(boot.model == "NG910-60023")
                #expect(try await connection.getConfiguration(keys: nil).keys == OCPPLoopback.keys)
                let named = try await connection.getConfiguration(keys: ["Station-MaxCurrent", "Nope", "HeartbeatInterval"])
                #expect(named.keys.map(\.key) == ["Station-MaxCurrent", "HeartbeatInterval"])
                #expect(named.unknown == ["Nope"])
                #expect(try await connection.changeConfiguration(key: "HeartbeatInterval", value: "60") == .accepted)
                #expect(try await connection.changeConfiguration(key: "NoSuchKey", value: "1") == .notSupported)
                #expect(try await connection.reset(.soft) == .accepted)
                // The same station asked again is the same connection on serve's side.
                let again = try await remote.waitForStation("CP1", timeout: .seconds(5))
                #expect((again as? RemoteStationConnection)?.token == (connection as? RemoteStationConnection)?.token)
                await connection.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func failuresArriveAsTheSameStationErrors() async throws {
        try await Self.withControl { _, port, remote, _ in
            do throws(StationError) {
                _ = try await remote.waitForStation("CP1", timeout: .milliseconds(50))
                Issue.record("no station connected")
            } catch {
                guard case .notConnected = error.reason else { throw TestFailure("\(error)") }
                #expect(error.station == "CP1")
            }
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(socket) }
                let connection = try await remote.waitForStation("CP1", timeout: .seconds(5))
                do throws(StationError) {
                    _ = try await connection.triggerMessage(.heartbeat, connectorId: nil)
                    Issue.record("a refused TriggerMessage must fail")
                } catch {
                    #expect(error.action == "TriggerMessage")
                    guard case .callError(.notSupported, _) = error.reason else { throw TestFailure("\(error)") }
                }
                await connection.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func aSecondServerRefusesALiveSocketAndReplacesAStaleOne() async throws {
        try await Self.withControl { central, _, _, path in
            await #expect(throws: ControlSocketError.self) {
                _ = try await ControlServer.start(path: path, directory: central, logger: .init(label: "test"))
            }
        }
        let stale = Self.socketPath()
        try FileManager.default.createDirectory(atPath: (stale as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: stale, contents: Data()))
        try await OCPPLoopback.with { central, _ in
            let server = try await ControlServer.start(path: stale, directory: central, logger: .init(label: "test"))
            let remote = await RemoteStationDirectory.connect(path: stale)
            #expect(remote != nil)
            await remote?.shutdown()
            await server.shutdown()
            #expect(!FileManager.default.fileExists(atPath: stale))
            #expect(await RemoteStationDirectory.connect(path: stale) == nil)
        }
    }
}
