import Foundation
import NIOCore
import NIOWebSocket
import OCPP16
import Testing
@testable import ChargeIO

/// The central system over real loopback sockets against a scripted charge point.
@Suite(.timeLimit(.minutes(1))) struct OCPPCentralSystemTests {
    @Test func readsTheFullConfigurationAndKnowsTheBoot() async throws {
        try await OCPPLoopback.with { central, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(socket) }
                let connection = try await central.waitForStation("CP1", timeout: .seconds(5))
                let boot = try await connection.waitForBoot(timeout: .seconds(5))
                #expect(boot == StationBootInfo(vendor: "Alfen BV", model: "NG910-60023", firmwareVersion: "6.1.0-4159"))
                let configuration = try await connection.getConfiguration(keys: nil)
                #expect(configuration.keys == OCPPLoopback.keys)
                #expect(configuration.unknown.isEmpty)
                #expect(try await connection.changeConfiguration(key: "HeartbeatInterval", value: "60") == .accepted)
                #expect(try await connection.changeConfiguration(key: "NoSuchKey", value: "1") == .notSupported)
                #expect(try await connection.getConfiguration(keys: ["heartbeatinterval"])["HeartbeatInterval"]?.value == "60")
                #expect(try await connection.reset(.soft) == .accepted)
                await connection.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func aStationConnectingWakesOnlyItsOwnWaiters() async throws {
        try await OCPPLoopback.with { central, port in
            async let first = central.waitForStation("CP1", timeout: .seconds(5))
            async let second = central.waitForStation("CP1", timeout: .seconds(5))
            let other = Task { () async -> StationError? in
                do throws(StationError) {
                    _ = try await central.waitForStation("CP2", timeout: .milliseconds(300))
                    return nil
                } catch {
                    return error
                }
            }
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            let station = Task { try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(socket) }
            let (one, two) = try await (first, second)
            #expect(one === two)
            #expect(one.identity == "CP1")
            let otherError = await other.value
            guard case .notConnected? = otherError?.reason else { throw TestFailure("CP2: \(String(describing: otherError))") }
            await one.close()
            _ = try? await station.value
        }
    }

    @Test func namedKeysArePagedByGetConfigurationMaxKeys() async throws {
        let log = RequestLog()
        try await OCPPLoopback.with { central, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station(maxKeys: 2, log: log)).run(socket) }
                let connection = try await central.waitForStation("CP1", timeout: .seconds(5))
                let names = ["HeartbeatInterval", "Station-MaxCurrent", "Nope", "SCN-NetworkName", "AuthorizationKey"]
                let configuration = try await connection.getConfiguration(keys: names)
                #expect(configuration.keys.map(\.key) == ["HeartbeatInterval", "Station-MaxCurrent", "SCN-NetworkName", "AuthorizationKey"])
                #expect(configuration.unknown == ["Nope"])
                #expect(log.getConfigurationKeys == [
                    ["GetConfigurationMaxKeys"], ["HeartbeatInterval", "Station-MaxCurrent"],
                    ["Nope", "SCN-NetworkName"], ["AuthorizationKey"],
                ])
                await connection.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func basicAuthRefusalsComeBeforeTheUpgrade() async throws {
        let configuration = OCPPLoopback.configuration(passwords: ["CP1": "correct horse"])
        try await OCPPLoopback.with(configuration) { central, port in
            let right = BasicAuthorization(user: "CP1", password: "correct horse").headerValue
            let wrong = BasicAuthorization(user: "CP1", password: "battery staple").headerValue
            #expect(try await OCPPTestClient.handshakeStatus(port: port, path: "/ocpp/CP1", authorization: wrong) == 401)
            #expect(try await OCPPTestClient.handshakeStatus(port: port, path: "/ocpp/CP1") == 401)
            #expect(try await OCPPTestClient.handshakeStatus(port: port, path: "/ocpp/CP2", authorization: right) == 404)
            #expect(try await OCPPTestClient.handshakeStatus(port: port, path: "/ocpp/CP1", authorization: right, subprotocol: nil) == 400)
            await #expect(throws: StationError.self) { try await central.waitForStation("CP1", timeout: .milliseconds(200)) }
            do throws(StationError) {
                _ = try await central.waitForStation("CP1", timeout: .milliseconds(100))
            } catch {
                guard case .notConnected(_, let refusal) = error.reason else { throw error }
                #expect(refusal?.contains("sent no HTTP Basic credentials") == true, "the last attempt had none")
                #expect(error.description.contains("CP1 did not connect within 0.1 s"))
            }
            #expect(try await OCPPTestClient.handshakeStatus(port: port, path: "/ocpp/CP1", authorization: right) == 101)
        }
    }

    @Test func aMalformedFrameIsAnsweredWithACallErrorAndTheConnectionLives() async throws {
        try await OCPPLoopback.with { central, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await socket.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                try await outbound.write(TestFrames.text("this is not JSON"))
                try await outbound.write(TestFrames.text(#"[2,"m2","BootNotification",{"chargePointVendor":5,"chargePointModel":"M"}]"#))
                let error = try #require(try await TestFrames.nextText(&frames, pong: outbound))
                #expect(error.hasPrefix(#"[4,"m2","#), "\(error)")
                try await outbound.write(TestFrames.text(#"[2,"m3","Heartbeat",{}]"#))
                let beat = try #require(try await TestFrames.nextText(&frames, pong: outbound))
                #expect(beat.hasPrefix(#"[3,"m3",{"currentTime":"#), "\(beat)")
                let connection = try await central.waitForStation("CP1", timeout: .seconds(5))
                #expect(connection.bootInfo == nil, "no BootNotification was sent")
            }
        }
    }

    @Test func theNewestConnectionWins() async throws {
        try await OCPPLoopback.with { central, port in
            let first = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await withThrowingTaskGroup(of: OCPPScriptedChargePoint.Ending.self) { group in
                group.addTask { try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(first) }
                let old = try await central.waitForStation("CP1", timeout: .seconds(5))
                let second = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
                group.addTask { try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(second) }
                let new = try await central.waitForStation("CP1", timeout: .seconds(5), replacing: old)
                #expect(new !== old)
                #expect(try await group.next() == .closedByServer, "the old socket is closed with a Close frame")
                await #expect(throws: StationError.self) { try await old.getConfiguration(keys: nil) }
                #expect(try await new.getConfiguration(keys: ["HeartbeatInterval"]).keys.count == 1)
                await new.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func aPeerThatIgnoresPingsIsDropped() async throws {
        var configuration = OCPPLoopback.configuration(stations: ["QUIET", "CHATTY"])
        configuration.pingInterval = .milliseconds(250)
        // Long enough that the answering peer's pong is in time on a loaded machine (at 1 s, parallel builds beside
        // the suite made it miss one and be dropped as well).
        configuration.pingTimeout = .seconds(2)
        try await OCPPLoopback.with(configuration) { central, port in
            let quiet = try await OCPPTestClient.connect(port: port, path: "/ocpp/QUIET")
            let chatty = try await OCPPTestClient.connect(port: port, path: "/ocpp/CHATTY")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // The central system drops this peer without a Close: its last write may land on the closed channel.
                    do { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station(), answerPings: false).run(quiet) }
                    catch ChannelError.ioOnClosedChannel {}
                }
                group.addTask { _ = try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(chatty) }
                let silent = try await central.waitForStation("QUIET", timeout: .seconds(5))
                let alive = try await central.waitForStation("CHATTY", timeout: .seconds(5))
                try await group.next()
                let error = await #expect(throws: StationError.self) { try await silent.getConfiguration(keys: nil) }
                #expect(error?.reason == .connectionClosed)
                // Past another ping timeout: the peer that answers is still there.
                try await Task.sleep(for: .milliseconds(2500))
                #expect(try await alive.getConfiguration(keys: ["HeartbeatInterval"]).keys.count == 1, "a peer answering pings stays")
                await alive.close()
                try await group.waitForAll()
            }
        }
    }

    @Test func aCallWithoutAnswerTimesOut() async throws {
        var configuration = OCPPLoopback.configuration()
        configuration.callTimeout = .milliseconds(300)
        try await OCPPLoopback.with(configuration) { central, port in
            let socket = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            try await socket.executeThenClose { inbound, _ in
                let connection = try await central.waitForStation("CP1", timeout: .seconds(5))
                let error = await #expect(throws: StationError.self) { try await connection.getConfiguration(keys: nil) }
                #expect(error?.reason == .timedOut(after: .milliseconds(300)))
                #expect(error?.description == "CP1: GetConfiguration got no answer within 0.3 s")
                var frames = inbound.makeAsyncIterator()
                let call = try await frames.next()
                #expect(call.map { String(buffer: $0.unmaskedData) } == #"[2,"cs1","GetConfiguration",{}]"#)
            }
        }
    }

    @Test func afterAResetTheReconnectIsAwaitedAndShutdownClosesIt() async throws {
        try await OCPPLoopback.with { central, port in
            let before = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            let rebooting = Task { try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(before) }
            let old = try await central.waitForStation("CP1", timeout: .seconds(5))
            _ = try await old.waitForBoot(timeout: .seconds(5))
            #expect(try await old.reset(.hard) == .accepted)
            rebooting.cancel()
            _ = try? await rebooting.value
            let after = try await OCPPTestClient.connect(port: port, path: "/ocpp/CP1")
            let rebooted = Task { try await OCPPScriptedChargePoint(station: OCPPLoopback.station()).run(after) }
            let new = try await central.waitForStation("CP1", timeout: .seconds(5), replacing: old)
            #expect(new !== old)
            #expect(try await new.waitForBoot(timeout: .seconds(5)).firmwareVersion == "6.1.0-4159")
            let error = await #expect(throws: StationError.self) { try await old.reset(.soft) }
            #expect(error?.reason == .connectionClosed)
            await central.shutdown()
            #expect(try await rebooted.value == .closedByServer)
            let stopped = await #expect(throws: StationError.self) { try await central.waitForStation("CP1", timeout: .seconds(1)) }
            #expect(stopped?.reason == .stopped)
        }
    }
}
