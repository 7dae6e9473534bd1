import AllocationCore
import ChargeCtlCLI
import ChargeIO
import Foundation
import StationModel
import Testing
import VirtualSite

/// Issue 16, end to end through the real commands: a virtual site runs the allocation of what was written to it.
/// After `SCN-TotalStaticCurrent` is set wrong over OCPP, `station status` shows the wrong SCN maximum once the
/// station has rebooted, and the right one once it is corrected. Waits are bounds, never assertions on time.
@Suite(.serialized) struct VirtualSiteObeysTests {
    static let ids = ["ACE0001601", "ACE0001602"]

    /// Two 3-phase stations, an EV on each from the start; the site file's SCN total is 40 A.
    static let site = Site(name: "obeys", installation: Installation(phases: 3, maxCurrent: 40), scn: SCNSettings(name: "OBEY1"),
                           stations: ids.map { StationEntry(id: $0, model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)]) })
    static let scenario = Scenario(duration: 7200, events: [
        ScenarioEvent(at: 0, kind: .connect(.scnID(0), EVProfile(phases: 3, minCurrent: 6))),
        ScenarioEvent(at: 0, kind: .connect(.scnID(1), EVProfile(phases: 3, minCurrent: 6))),
    ])

    @Test func aWrongSCNTotalShowsAfterTheRebootAndTheRightOneAfterTheFix() async throws {
        let central = try await CentralSystem.start(CentralSystemConfiguration(
            host: "127.0.0.1", port: 0, stations: Set(Self.ids), callTimeout: .seconds(10), handshakeTimeout: .seconds(5)))
        let shared = SharedStationDirectory(central)
        let virtual: RunningVirtualSite
        do {
            virtual = try await VirtualSiteRunner.start(site: Self.site, scenario: Self.scenario, ocppURL: "ws://\(central.listeningAddress)/ocpp",
                                                        options: VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil,
                                                                                    unlockedFeatures: 0x5))
        } catch {
            await central.shutdown()
            throw error
        }
        let files = RecordingFiles()
        func run(_ arguments: [String]) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole) {
            let test = TestEnvironment(variables: ["XDG_STATE_HOME": "/state"], files: files).withRunStorage().withLoopbackModbus()
                .withCentralSystem { _ in shared }
            return (try await test.run(arguments), test.console)
        }
        let connect = ["--listen", central.listeningAddress, "--wait", "30"]
        func scnMaximum() async throws -> Double? {
            let (status, console) = try await run(["station", "status", "127.0.0.1:\(virtual.stations[0].modbusPort)", "--json"])
            #expect(status == .success, "\(console.stderr)")
            let scn = try TestCLI.json(console.stdout)["scn"] as? [String: Any]
            return (scn?["maxCurrent"] as? [String: Any])?["L1"] as? Double
        }
        do {
            // The SCN as the site file says: 40 A.
            let (created, createConsole) = try await run(["scn", "create", "--name", "OBEY1", "--total-current", "40",
                                                          "--station", Self.ids[0], "--station", Self.ids[1], "--json"] + connect)
            #expect(created == .success, "\(createConsole.stderr)")
            #expect(try await scnMaximum() == 40)

            // A wrong total over OCPP: after the station's reboot it shares 32 A.
            let (wrong, wrongConsole) = try await run(["config", "set", Self.ids[0], "SCN-TotalStaticCurrent=32", "--json"] + connect)
            #expect(wrong == .success, "\(wrongConsole.stderr)")
            #expect(try await scnMaximum() == 32)

            // Corrected: 40 A again.
            let (fixed, fixedConsole) = try await run(["config", "set", Self.ids[0], "SCN-TotalStaticCurrent=40", "--json"] + connect)
            #expect(fixed == .success, "\(fixedConsole.stderr)")
            #expect(try await scnMaximum() == 40)
        } catch {
            await virtual.stop()
            await central.shutdown()
            throw error
        }
        await virtual.stop()
        await central.shutdown()
    }
}
