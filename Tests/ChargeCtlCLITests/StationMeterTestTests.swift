import AllocationCore
import Foundation
@testable import ChargeCtlCLI
import ChargeIO
import ModbusProtocol
import StationModel
import Testing
import VirtualSite

/// `meter test --station` (issue 15 item 6) against a virtual P1 site's station over real TLS on loopback: the
/// laptop reaches no meter, the station shows its own view of it (`5221_x`), judged by the same rules as a direct
/// meter test. Each site on its own 127.0.5.x address; every wait bounded.
@Suite(.serialized) struct StationMeterTestTests {
    static let id = "ACE0005061"
    static let password = "meter-view-pw"
    static let load = PhaseCurrents(l1: 12.5, l2: 7.25, l3: 3)

    /// A P1 site: the meter sits on the station's RJ11 port, so only the station can read it.
    static func site(host: String) -> Site {
        Site(name: "p1 meter", installation: Installation(phases: 3, maxCurrent: 40),
             alb: ALBSettings(source: .p1, maxCurrent: 40, safeCurrent: 6),
             stations: [StationEntry(id: id, host: host, model: "NG910-60023", maxCurrent: 32, sockets: [SocketEntry(maxCurrent: 32)])])
    }

    static let scenario = Scenario(duration: 3600, events: [ScenarioEvent(at: 0, kind: .load(load))])

    /// Starts the site (nil where openssl is missing: no HTTPS API to test), runs `body` with the station's
    /// address and a runner of command lines, and stops the site.
    static func withSite(host: String, view: (@Sendable ([MeterQuantity: Double?]) -> [MeterQuantity: Double?])? = nil,
                         _ body: (String, ([String]) async throws -> (ChargeCtlCLI.ExitStatus, RecordingConsole)) async throws -> Void) async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("meter-station-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let probe = CLIEnvironment(console: RecordingConsole())
        guard let security = VirtualSiteHTTPS.security(probe) else { return }
        var options = VirtualSiteOptions(rebootTime: .milliseconds(200), mdnsInterface: nil)
        options.httpsSecurity = security
        options.httpsPasswords = [id: password]
        options.stationMeterView = view
        let running = try await VirtualSiteRunner.start(site: site(host: host + ":0"), scenario: scenario,
                                                        ocppURL: "ws://127.0.0.1:9/ocpp", options: options)
        do {
            let port = try #require(running.stations.first?.httpsPort)
            let variables = ["XDG_STATE_HOME": state.path, "METER_PW": password, "WRONG_PW": "not-the-password"]
            try await body("\(host):\(port)") { arguments in
                let console = RecordingConsole()
                var test = TestEnvironment(variables: variables, console: console)
                test.env.httpsLink = HTTPSLinks.live(console: console, variables: variables)
                if !arguments.contains("--stopped") { test.env.stopRequests = { AsyncStream { _ in } } }
                return (try await test.run(arguments.filter { $0 != "--stopped" }), console)
            }
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    static func codes(_ document: [String: Any]) -> [String] {
        (document["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func aP1SitesMeterThroughTheStationsEyes() async throws {
        try await Self.withSite(host: "127.0.5.61") { address, run in
            let (status, console) = try await run(["meter", "test", "--station", address, "--https-password-env", "METER_PW", "--json"])
            #expect(status == .success, "\(console.stderr)")
            let lines = console.stdout.split(separator: "\n")
            #expect(lines.count == 1, "one JSON document")
            let document = try TestCLI.json(console.stdout)
            #expect(document["ok"] as? Bool == true)
            let meter = try #require(document["meter"] as? [String: Any])
            #expect(meter["station"] as? String == address)
            #expect(meter["via"] as? String == "https")
            #expect(meter["host"] as? String == "127.0.5.61")
            #expect(meter.keys.contains("preset") && meter["preset"] is NSNull, "SPEC §7's keys stay, null where they do not apply")

            // The readings are the simulated meter's, as its Modbus registers would give them.
            let expected = MeterRegisters.values(currents: Self.load, energyKWh: 0)
            func value(_ quantity: MeterQuantity) -> Double? { (expected[quantity] ?? nil).map { ($0 * 100).rounded() / 100 } }
            let readings = try #require(document["readings"] as? [String: Any])
            #expect(readings["voltage"] as? [String: Double] == ["L1": value(.voltageL1)!, "L2": value(.voltageL2)!, "L3": value(.voltageL3)!])
            #expect(readings["current"] as? [String: Double] == ["L1": 12.5, "L2": 7.25, "L3": 3])
            #expect(readings["power"] as? [String: Double] == ["L1": value(.activePowerL1)!, "L2": value(.activePowerL2)!, "L3": value(.activePowerL3)!])
            #expect(readings["totalPower"] as? Double == value(.totalActivePower))
            #expect(readings["frequency"] as? Double == value(.frequency))
            #expect(readings["importEnergy"] is NSNull, "the station lists no energy of its meter")
            #expect(Self.codes(document) == ["meter.plausible"])

            // Text: the same table, naming the station and whose eyes these are.
            let (textStatus, text) = try await run(["meter", "test", "--station", address, "--https-password-env", "METER_PW"])
            #expect(textStatus == .success)
            #expect(text.stdout.hasPrefix("DSMR P1 smart meter as station at \(address) sees it, over https\n"))
            #expect(text.stdout.contains("station's eyes"))
            #expect(text.stdout.contains("12.50 A") && text.stdout.contains("2875 W"))
            #expect(text.stdout.contains("every reading is plausible"))

        }
    }

    @Test func wrongPasswordIsExit2AndASessionIsFreedAfterEveryRun() async throws {
        try await Self.withSite(host: "127.0.5.62") { address, run in
            let (status, console) = try await run(["meter", "test", "--station", address, "--https-password-env", "WRONG_PW", "--json"])
            #expect(status == .invalidInput)
            #expect(console.stdout.split(separator: "\n").count == 1)
            #expect((try TestCLI.json(console.stdout)["error"] as? [String: Any])?["code"] as? String == "https.wrong-password")
            // Ctrl-C (the test environment's stop request comes at once): exit 130, one document, logged out.
            let (stopped, stoppedConsole) = try await run(["meter", "test", "--station", address, "--https-password-env", "METER_PW", "--json", "--stopped"])
            #expect(stopped == .interrupted)
            #expect(stoppedConsole.stdout.split(separator: "\n").count == 1)
            // Twice in a row: each run logged out, so the next one gets the session.
            for _ in 0..<2 {
                let (again, _) = try await run(["meter", "test", "--station", address, "--https-password-env", "METER_PW", "--json"])
                #expect(again == .success)
            }
        }
    }

    /// The station reads the meter with L2's voltage and current wires swapped: the shared rules fail it, exit 1.
    @Test func swappedWiresSeenByTheStationExit1() async throws {
        let swap: @Sendable ([MeterQuantity: Double?]) -> [MeterQuantity: Double?] = { values in
            var values = values
            (values[.voltageL2], values[.currentL2]) = (values[.currentL2] ?? nil, values[.voltageL2] ?? nil)
            return values
        }
        try await Self.withSite(host: "127.0.5.63", view: swap) { address, run in
            let (status, console) = try await run(["meter", "test", "--station", address, "--https-password-env", "METER_PW", "--json"])
            #expect(status == .checkFailed, "\(console.stderr)")
            let document = try TestCLI.json(console.stdout)
            #expect(document["ok"] as? Bool == false)
            #expect(Self.codes(document) == ["meter.phase.missing"])
            let readings = try #require(document["readings"] as? [String: Any])
            #expect((readings["voltage"] as? [String: Double])?["L2"] == 7.25)
        }
    }

    /// No load on any phase is a warning, as in a direct test (a script at night must pass).
    @Test func noLoadIsAWarningExit0() async throws {
        let idle: @Sendable ([MeterQuantity: Double?]) -> [MeterQuantity: Double?] = { values in
            var values = values
            for quantity in [MeterQuantity.currentL1, .currentL2, .currentL3, .activePowerL1, .activePowerL2, .activePowerL3, .totalActivePower] {
                values[quantity] = 0
            }
            return values
        }
        try await Self.withSite(host: "127.0.5.64", view: idle) { address, run in
            let (status, console) = try await run(["meter", "test", "--station", address, "--https-password-env", "METER_PW", "--json"])
            #expect(status == .success)
            #expect(Self.codes(try TestCLI.json(console.stdout)) == ["meter.current.zero"])
        }
    }

    @Test(arguments: [
        (["meter", "test", "127.0.0.1", "--station", "127.0.0.1", "--json"], "option.target"),
        (["meter", "test", "--station", "127.0.0.1", "--preset", "eastron-sdm630", "--json"], "option.station-modbus"),
        (["meter", "test", "--station", "127.0.0.1", "--unit", "3", "--serial", "/dev/ttyUSB0", "--json"], "option.station-modbus"),
        (["meter", "test", "--station", "127.0.0.1", "--via", "ocpp", "--json"], "option.via"),
        (["meter", "test", "127.0.0.1", "--preset", "eastron-sdm630", "--host", "127.0.0.1", "--json"], "option.station-missing"),
    ])
    func badCombinationsAreExit2BeforeAnythingIsSent(arguments: [String], code: String) async throws {
        // The default test environment refuses every connection: exit 2 proves nothing was attempted.
        let (status, console, _) = try await TestCLI.run(arguments)
        #expect(status == .invalidInput)
        #expect(console.stdout.split(separator: "\n").count == 1)
        let error = try TestCLI.json(console.stdout)["error"] as? [String: Any]
        #expect(error?["code"] as? String == code)
    }
}

/// The station's view as values: ids to readings, the protocol it names, what it adds to the shared findings.
@Suite struct StationMeterViewTests {
    static let healthy: [String: String] = [
        "5221_3": "230.1", "5221_4": "231", "5221_5": "229.5", "5221_A": "10.5", "5221_B": "8.25", "5221_C": "0.5",
        "5221_13": "2416.05", "5221_14": "1905.75", "5221_15": "114.75", "5221_12": "50", "5217_0": "5",
    ]

    @Test func theInstallersIdsBecomeReadingsAndTheProtocolItsSource() {
        let view = StationMeterView(values: Self.healthy)
        #expect(view.source == "p1" && view.model == "DSMR P1 smart meter")
        #expect(view.readings[.voltageL1] == 230.1 && view.readings[.currentL2] == 8.25 && view.readings[.activePowerL3] == 114.75)
        #expect(view.readings[.frequency] == 50)
        #expect(view.readings[.totalActivePower] == nil && view.readings.missing.isEmpty, "5221_16 is not listed: not mapped, not missing")
        #expect(view.findings.map(\.code) == ["meter.plausible"])
        #expect(StationMeterProperties.testedIDs == ["5221_A", "5221_B", "5221_C", "5221_13", "5221_14", "5221_15", "5221_3", "5221_4", "5221_5"])
    }

    @Test func aStationWithoutAMeterAndAnEMSSourceSaySo() {
        var values = Self.healthy.mapValues { _ in "0" }
        values["5217_0"] = "-1"
        values["5221_B"] = nil
        let view = StationMeterView(values: values)
        #expect(view.source == "ems")
        #expect(view.findings.map(\.code) == ["meter.value.missing", "meter.voltage.none", "meter.station.ems"])
        #expect(view.findings[1].hint.contains("5217_0"), "the fix is the station's meter setup, not a preset")
        #expect(StationMeterView(values: ["5221_A": "n/a"]).readings.readings.first { $0.quantity == .currentL1 }?.value == nil)
    }

    @Test func theProtocolIsReadByIdOnlyWhenTheCategoryLacksIt() {
        #expect(StationMeterView.idsToRead(after: [:]).last == "5217_0")
        #expect(!StationMeterView.idsToRead(after: ["5217_0": "5"]).contains("5217_0"))
        #expect(StationMeterView.idsToRead(after: [:]).prefix(9) == StationMeterProperties.testedIDs[...])
    }
}
