import ChargeIO
import Foundation
import NIOCore
import NIOPosix
import StationModel
import Testing
@testable import ChargeHTTPS

/// The link against `FakeStation` over TLS on 127.0.0.1 (SPEC §3 "The HTTPS link in practice", issue 15 faults).
@Suite(.serialized) struct HTTPSLinkLoopbackTests {
    static let certificates = Result { try FakeStation.certificate() }

    final class Pins: CertificatePins, @unchecked Sendable {
        var known = KnownStations()
        func check(identity: String, fingerprint: String, acceptNew: Bool) throws(HTTPSFailure) -> KnownStations.Verdict {
            let verdict = known.verdict(identity: identity, fingerprint: fingerprint)
            if case .changed(let old) = verdict, !acceptNew { throw .certificateChanged(identity: identity, known: old, presented: fingerprint) }
            known.record(identity: identity, fingerprint: fingerprint)
            return verdict
        }
    }

    func withStation(password: String = "secret", pins: Pins = Pins(), acceptNew: Bool = false,
                     _ setup: (FakeStation) -> Void = { _ in },
                     _ body: (FakeStation, HTTPSStationLink) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let station = FakeStation(group: group)
        station.props = [
            "2062_0": .init(value: 16.0, type: 8, category: "generic"),
            "2064_0": .init(value: 1, type: 5, category: "generic"),
            "2069_0": .init(value: "L1L2L3", type: 9, category: "generic"),
            "2185_0": .init(value: 0, type: 5, category: "generic"),
            "206F_0": .init(value: 0, type: 5, category: "generic"),
            "2523_1": .init(value: 0, type: 5, access: 1, category: "MbusTCP"),
            "21A2_0": .init(value: 5, type: 7),
            "2180_1": .init(value: "", type: 9),
        ]
        station.forgets = ["2185_0"]
        setup(station)
        try await station.start(certificate: try Self.certificates.get())
        let session = HTTPSSession(endpoint: HTTPSEndpoint(host: "127.0.0.1", port: station.port, password: password, acceptNewCertificate: acceptNew),
                                   pins: pins, context: try HTTPSConnection.tlsContext(), group: group, requestTimeout: .seconds(5))
        let link = HTTPSStationLink(station: "ACE0001", session: session, pollInterval: .milliseconds(100))
        do {
            try await body(station, link)
        } catch {
            await link.close(); await station.stop(); try? await group.shutdownGracefully(); throw error
        }
        await link.close()
        await station.stop()
        try? await group.shutdownGracefully()
    }

    func code(_ error: any Error) -> String? {
        if let error = error as? StationError, case .link(let code, _, _, _) = error.reason { return code }
        return nil
    }

    @Test func readsEveryCategoryPagedAndTheIDOnlyPropertiesThenLogsOut() async throws {
        try await withStation { station, link in
            let presence = try await link.waitForStation(timeout: .seconds(5))
            #expect(presence.firmware == "6.4.0-4210")
            let all = try await link.readAll()
            #expect(all["2062_0"]?.value == "16")
            #expect(all["2069_0"]?.value == "L1L2L3")
            #expect(all["21A2_0"]?.value == "5")
            #expect(all["2523_1"]?.readonly == true)
            let some = try await link.read(keys: ["2062_0", "9999_0"])
            #expect(some.keys.map(\.key) == ["2062_0"] && some.unknown == ["9999_0"])
            await link.close()
            #expect(station.with { $0.log } == ["login ok", "logout"])
        }
    }

    @Test func writesReadBackABitFieldAndAWriteNotKept() async throws {
        try await withStation { station, link in
            _ = try await link.waitForStation(timeout: .seconds(5))
            _ = try await link.readAll()
            let answers = try await link.write([
                PlannedWrite(setting: .stationMaxCurrent, key: "2062_0", value: "32"),
                PlannedWrite(setting: .albEnabled, key: "2064_0", value: "1", bitMask: 2),
                PlannedWrite(setting: .allowPhaseSwitching, key: "2185_0", value: "1"),
                PlannedWrite(setting: .phaseConnected, key: "2069_0", value: "L3L1L2"),
            ])
            #expect(answers == [.accepted, .accepted, .rejected, .accepted])
            #expect(station.value("2064_0") == "3")
            #expect(station.value("2062_0") == "32")
            #expect(station.value("2069_0") == "L3L1L2")
        }
    }

    @Test func aWrongPasswordIsExit2AndTriedOnce() async throws {
        try await withStation(password: "wrong") { station, link in
            await #expect { try await link.waitForStation(timeout: .seconds(5)) } throws: { error in
                guard let error = error as? StationError, case .link(let code, _, _, let input) = error.reason else { return false }
                return code == "https.wrong-password" && input
            }
            #expect(station.with { $0.log } == ["login bad"])
        }
    }

    @Test func anotherSessionAndLockoutHaveTheirOwnCodes() async throws {
        try await withStation({ $0.otherSession = true }) { _, link in
            do { _ = try await link.waitForStation(timeout: .seconds(5)); Issue.record("logged in") } catch { #expect(code(error) == "https.session-busy") }
        }
        try await withStation({ $0.lockout = 42 }) { _, link in
            do { _ = try await link.waitForStation(timeout: .seconds(5)); Issue.record("logged in") } catch {
                #expect(code(error) == "https.locked-out")
                #expect("\(error)".contains("42 s left"))
            }
        }
    }

    /// A busy station resets every other connection at its ClientHello. Under load the reset can land before the
    /// first request is written: that request must still say "another session", not "connection lost".
    @Test func aResetBeforeTheFirstRequestIsABusyStation() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ResetOnFirstBytes()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let connection = try await HTTPSConnection.connect(host: "127.0.0.1", port: server.localAddress?.port ?? 1,
                                                           context: try HTTPSConnection.tlsContext(), group: group)
        for _ in 0..<200 where connection.isOpen { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!connection.isOpen)
        do {
            _ = try await connection.send(.GET, "/api/info")
            Issue.record("answered")
        } catch {
            #expect(error.code == "https.session-busy")
        }
        // And through a session, whichever comes first, the reset or the request.
        let session = HTTPSSession(endpoint: HTTPSEndpoint(host: "127.0.0.1", port: server.localAddress?.port ?? 1, password: "x"),
                                   pins: Pins(), context: try HTTPSConnection.tlsContext(), group: group)
        for _ in 0..<5 {
            do { _ = try await session.open(); Issue.record("opened") } catch { #expect(error.code == "https.session-busy") }
        }
        await session.drop()
        try await server.close()
        try await group.shutdownGracefully()
    }

    @Test func aRefusedPortIsItsOwnFailure() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let probe = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = probe.localAddress?.port ?? 1
        try await probe.close()
        let session = HTTPSSession(endpoint: HTTPSEndpoint(host: "127.0.0.1", port: port, password: "x"), pins: Pins(),
                                   context: try HTTPSConnection.tlsContext(), group: group)
        let link = HTTPSStationLink(station: "ACE0001", session: session)
        do { _ = try await link.waitForStation(timeout: .seconds(2)); Issue.record("connected") } catch { #expect(code(error) == "https.refused") }
        try await group.shutdownGracefully()
    }

    @Test func aChangedCertificateIsRefusedUnlessAccepted() async throws {
        let pins = Pins()
        pins.known.record(identity: "ACE0001", fingerprint: "00:11")
        try await withStation(pins: pins) { station, link in
            do { _ = try await link.waitForStation(timeout: .seconds(5)); Issue.record("logged in") } catch {
                #expect(code(error) == "https.certificate-changed")
            }
            // No password was sent to a station whose certificate changed.
            #expect(station.with { $0.log }.isEmpty)
        }
        try await withStation(pins: pins, acceptNew: true) { _, link in
            _ = try await link.waitForStation(timeout: .seconds(5))
            #expect(pins.known.fingerprints["ACE0001"] != "00:11")
        }
    }

    @Test func a401MidSessionLogsInOnceMore() async throws {
        try await withStation { station, link in
            _ = try await link.waitForStation(timeout: .seconds(5))
            station.with { $0.unauthorizedOnce = true }
            let some = try await link.read(keys: ["2062_0"])
            #expect(some["2062_0"]?.value == "16")
            #expect(station.with { $0.log } == ["login ok", "login ok"])
        }
    }

    @Test func aDroppedConnectionMidBatchIsLost() async throws {
        try await withStation { station, link in
            _ = try await link.waitForStation(timeout: .seconds(5))
            station.with { $0.dropOnWrite = true }
            do { _ = try await link.write([PlannedWrite(setting: .stationMaxCurrent, key: "2062_0", value: "32")]); Issue.record("wrote") } catch {
                #expect(code(error) == "https.connection-lost")
            }
        }
    }

    @Test func aRebootIsWaitedForThroughApiInfo() async throws {
        try await withStation { station, link in
            _ = try await link.waitForStation(timeout: .seconds(5))
            #expect(try await link.reboot(.soft))
            let back = try await link.waitForReboot(timeout: .seconds(10))
            #expect(back.firmware == "6.4.0-4210")
            #expect(station.with { $0.log } == ["login ok", "reboot", "login ok"])
        }
    }
}

/// A whole run over the HTTPS link (issue 15 "Faults"): the station drops the connection mid-batch, the run is
/// lost (exit 3), and `resume` finishes it from the journal.
@Suite(.serialized) struct HTTPSRunTests {
    @Test func aDropMidBatchIsLostAndTheResumeFinishes() async throws {
        let directory = NSTemporaryDirectory() + "cc-https-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let station = FakeStation(group: group)
        station.props = [
            "2062_0": .init(value: 16.0, type: 8, category: "generic"),
            "2129_0": .init(value: 16.0, type: 8, category: "generic"),
            "21A2_0": .init(value: 5, type: 7),
        ]
        station.dropOnWrite = true
        try await station.start(certificate: try HTTPSLinkLoopbackTests.certificates.get())
        let port = station.port
        let pins = HTTPSLinkLoopbackTests.Pins()
        let context = try HTTPSConnection.tlsContext()
        let executor = PlanExecutor(
            links: { id in
                HTTPSStationLink(station: id, session: HTTPSSession(endpoint: HTTPSEndpoint(host: "127.0.0.1", port: port, password: "secret"),
                                                                    pins: pins, context: context, group: group, requestTimeout: .seconds(5)),
                                 pollInterval: .milliseconds(100))
            },
            storage: .files, settings: .init(wait: .seconds(10), backupDirectory: directory + "/backups", variables: [:]))
        let plan = RunPlan(command: "apply", link: .https, stations: [.init(station: "ACE0001", writes: [
            PlannedWrite(setting: .stationMaxCurrent, key: "2062_0", value: "32"),
            PlannedWrite(setting: .connector1MaxCurrent, key: "2129_0", value: "32"),
        ])])
        let first = try await executor.run(plan, runDirectory: directory + "/run")
        #expect(first.first?.status == .failed)
        #expect(first.first?.error?.severity == .communication)
        #expect(first.first?.error?.code == "https.connection-lost")
        let resumed = try await executor.resume(plan, runDirectory: directory + "/run")
        #expect(resumed.first?.status == .applied)
        #expect(station.value("2062_0") == "32" && station.value("2129_0") == "32")
        let log = station.with { $0.log }
        // One batch of two, once; one reboot; every session logged out.
        #expect(log.filter { $0.hasPrefix("write") } == ["write 2062_0", "write 2129_0"] || log.filter { $0.hasPrefix("write") }.sorted() == ["write 2062_0", "write 2129_0"])
        #expect(log.filter { $0 == "reboot" }.count == 1)
        #expect(log.last == "logout")
        await station.stop()
        try await group.shutdownGracefully()
    }
}

/// What a busy station does with a connection: a TCP reset (SO_LINGER 0) when its first bytes, the ClientHello,
/// arrive.
private final class ResetOnFirstBytes: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let channel = context.channel
        (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            .whenComplete { _ in channel.close(promise: nil) }
    }
}
