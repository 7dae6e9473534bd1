import ChargeIO
import OCPP16
import StationModel
import Testing
@testable import VirtualSite

/// A central system that is already waiting for its stations sends the first CALL the moment each WebSocket opens,
/// so the frame can arrive in the same read as the 101 response. NIO's client pipeline drops such bytes unless
/// told to forward them; every virtual station must answer that CALL (the SCN benchmark lost some on most runs).
@Suite(.serialized) struct FirstCallTests {
    static let stations = 16

    @Test(arguments: 1...3) func aCallSentAsEachSocketOpensIsAnswered(_ attempt: Int) async throws {
        let ids = (1...Self.stations).map { "ACE00\(attempt)\(String(format: "%04d", $0))" }
        let central = try await CentralSystem.start(CentralSystemConfiguration(
            host: "127.0.0.1", port: 0, stations: Set(ids), callTimeout: .seconds(10), handshakeTimeout: .seconds(5)))
        // Waiting before the stations dial, as `apply` does when it starts first.
        let answers = Task {
            await withTaskGroup(of: String?.self) { group in
                for id in ids {
                    group.addTask {
                        let station = try? await central.waitForStation(id, timeout: .seconds(20))
                        return try? await station?.getConfiguration(keys: ["GetConfigurationMaxKeys"])["GetConfigurationMaxKeys"]?.value
                    }
                }
                var values: [String?] = []
                for await value in group { values.append(value) }
                return values
            }
        }
        let site = Site(name: "first call", installation: Installation(phases: 3, maxCurrent: 250), scn: SCNSettings(name: "FIRST"),
                        stations: ids.map { StationEntry(id: $0, model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)]) })
        let running: RunningVirtualSite
        do {
            running = try await VirtualSiteRunner.start(site: site, scenario: nil, ocppURL: "ws://\(central.listeningAddress)/ocpp",
                                                        options: VirtualSiteOptions(mdnsInterface: nil))
        } catch {
            answers.cancel()
            await central.shutdown()
            throw error
        }
        let values = await answers.value
        await running.stop()
        await central.shutdown()
        #expect(values.count == Self.stations)
        #expect(values.allSatisfy { $0 == "35" }, "answered: \(values)")
    }
}
