import ChargeCtlCLI
import Foundation
import Testing

/// `alb configure` and `scn create` refuse bad or inapplicable flags with exit 2 before any connection (SPEC §3):
/// the JSON failure document carries the shared rule's code and the message names the flag the user typed. The
/// site-file side of the same rules is `SiteValidationRuleTests` (StationModelTests).
@Suite struct ALBConfigureValidationTests {
    struct Case: Sendable, CustomStringConvertible {
        var arguments: [String]
        var code: String
        var flag: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let tcp = ["--source", "modbus-tcp", "--meter-host", "192.168.0.4", "--meter-unit", "5"]

    static let cases: [Case] = [
        // Options that do not apply to the source.
        Case(arguments: ["--source", "p1", "--meter-host", "192.168.0.4"], code: "alb.option-not-applicable", flag: "--meter-host"),
        Case(arguments: ["--source", "tic", "--meter-port", "502"], code: "alb.option-not-applicable", flag: "--meter-port"),
        Case(arguments: ["--source", "ems", "--meter-unit", "5"], code: "alb.option-not-applicable", flag: "--meter-unit"),
        Case(arguments: ["--source", "p1", "--meter-preset", "socomec-countis-e27"], code: "alb.option-not-applicable", flag: "--meter-preset"),
        Case(arguments: ["--source", "modbus-rtu", "--meter-unit", "5", "--meter-host", "192.168.0.4"], code: "alb.option-not-applicable", flag: "--meter-host"),
        Case(arguments: ["--source", "modbus-rtu", "--meter-port", "502"], code: "alb.option-not-applicable", flag: "--meter-port"),
        Case(arguments: ["--source", "modbus-rtu", "--meter-unit", "5", "--meter-preset", "eastron-sdm630"], code: "alb.rtu-preset-ocpp", flag: "--meter-preset"),
        Case(arguments: ["--source", "p1", "--ems-mode", "scn"], code: "alb.option-not-applicable", flag: "--ems-mode"),
        Case(arguments: tcp + ["--ems-validity-time", "60"], code: "alb.option-not-applicable", flag: "--ems-validity-time"),
        // The shared rules, named by flag.
        Case(arguments: ["--source", "ems", "--ems-validity-time", "0"], code: "alb.ems-validity", flag: "--ems-validity-time"),
        Case(arguments: ["--source", "ems", "--ems-validity-time", "86401"], code: "alb.ems-validity", flag: "--ems-validity-time"),
        Case(arguments: ["--source", "ems", "--ems-mode", "both"], code: "alb.ems-mode", flag: "--ems-mode"),
        Case(arguments: ["--source", "modbus-tcp", "--meter-unit", "5"], code: "alb.meter-required", flag: "--meter-host"),
        Case(arguments: ["--source", "modbus-tcp"], code: "alb.meter-required", flag: "--meter-host"),
        Case(arguments: ["--source", "modbus-tcp", "--meter-host", "fe80::1"], code: "alb.meter-ipv6", flag: "--meter-host"),
        Case(arguments: ["--source", "modbus-tcp", "--meter-host", "meter.local"], code: "alb.meter-host", flag: "--meter-host"),
        Case(arguments: ["--source", "modbus-tcp", "--meter-host", "192.168.0.4", "--meter-unit", "256"], code: "alb.meter-unit", flag: "--meter-unit"),
        Case(arguments: ["--source", "modbus-rtu", "--meter-unit", "0"], code: "alb.meter-unit", flag: "--meter-unit"),
        Case(arguments: ["--source", "modbus-rtu", "--meter-unit", "248"], code: "alb.meter-unit", flag: "--meter-unit"),
        Case(arguments: tcp + ["--meter-port", "1502"], code: "alb.ocpp-meter-port", flag: "--meter-port"),
        Case(arguments: tcp + ["--meter-port", "0"], code: "alb.meter-port", flag: "--meter-port"),
        Case(arguments: tcp + ["--meter-preset", "eastron-sdm630"], code: "alb.ocpp-meter-preset", flag: "--meter-preset"),
        Case(arguments: ["--source", "p1", "--max-current=-5"], code: "current.not-positive", flag: "--max-current"),
        Case(arguments: ["--source", "p1", "--max-current", "nan"], code: "current.not-finite", flag: "--max-current"),
        Case(arguments: ["--source", "p1", "--max-current", "0.5"], code: "current.below-minimum", flag: "--max-current"),
        Case(arguments: ["--source", "p1", "--max-current", "1001"], code: "current.above-range", flag: "--max-current"),
        Case(arguments: ["--source", "p1", "--safe-current", "0.001"], code: "current.resolution", flag: "--safe-current"),
        Case(arguments: ["--source", "p1", "--max-current", "40", "--safe-current", "50"], code: "alb.safe-above-max", flag: "--safe-current"),
        Case(arguments: ["--source", "p1", "--phase-connected", "L1L1L2"], code: "file.value", flag: "--phase-connected"),
        Case(arguments: ["--source", "p1", "--station-max-current", "81"], code: "current.above-range", flag: "--station-max-current"),
        Case(arguments: ["--source", "p1", "--station-max-current", "16.005"], code: "current.resolution", flag: "--station-max-current"),
        Case(arguments: ["--source", "p1", "--connector-max-current", "1=0"], code: "current.not-positive", flag: "--connector-max-current"),
        Case(arguments: ["--source", "p1", "--connector-max-current", "3=16"], code: "alb.connector-max-current", flag: "--connector-max-current"),
        Case(arguments: ["--source", "p1", "--station-max-current", "16", "--connector-max-current", "2=20"],
             code: "socket.max-above-station", flag: "--connector-max-current"),
    ]

    @Test(arguments: cases)
    func refusedBeforeAnyConnection(_ testCase: Case) async throws {
        let directory = FakeDirectory(station: FakeStation(keys: ConfigCLI.keys))
        let (status, console, _) = try await ConfigCLI.run(["alb", "configure", "CP1", "--json"] + testCase.arguments, directory: directory)
        #expect(status == .invalidInput, "\(testCase): \(console.stderr)")
        let error = try #require(try TestCLI.json(console.stdout)["error"] as? [String: Any], "\(testCase)")
        #expect(error["code"] as? String == testCase.code, "\(testCase): \(console.stderr)")
        #expect((error["message"] as? String)?.hasPrefix(testCase.flag) == true, "\(testCase): \(error)")
        #expect(!((error["hint"] as? String) ?? "").isEmpty, "\(testCase)")
        #expect(directory.configurations.isEmpty, "\(testCase): nothing is sent: the central system never started")
    }

    @Test(arguments: [
        ["--source", "modbus-rtu", "--meter-unit", "5"],
        ["--source", "modbus-rtu", "--meter-unit", "247", "--meter-preset", "eastron-sdm630", "--via", "https"],
        ["--source", "modbus-tcp", "--meter-host", "192.168.0.4", "--meter-unit", "0", "--meter-port", "1502",
         "--meter-preset", "eastron-sdm630", "--via", "https"],
        ["--source", "ems", "--ems-mode", "socket", "--ems-validity-time", "86400"],
        ["--source", "p1", "--station-max-current", "32", "--connector-max-current", "1=32", "--connector-max-current", "2=16.5"],
        ["--source", "p1", "--connector-max-current", "1=40"],
    ])
    func accepted(_ arguments: [String]) async throws {
        let (status, console, _) = try await TestCLI.run(["alb", "configure", "CP1", "--dry-run", "--json"] + arguments)
        #expect(status == .success, "\(arguments): \(console.stderr)")
    }

    @Test func everyProblemIsReportedAtOnce() async throws {
        let directory = FakeDirectory(station: nil)
        let (status, console, _) = try await ConfigCLI.run(["alb", "configure", "CP1", "--json", "--source", "p1", "--meter-host", "192.168.0.4",
                                                            "--max-current", "2000", "--station-max-current", "90"], directory: directory)
        #expect(status == .invalidInput)
        let codes = (try TestCLI.json(console.stdout)["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["alb.option-not-applicable", "current.above-range", "current.above-range"])
    }

    @Test(arguments: [["--name", "PLAZA1"], ["--station", "ACE1"], ["--name", "PLAZA1", "--station", "ACE1"]])
    func scnCreateRefusesMembersBesideASiteFile(_ arguments: [String]) async throws {
        let directory = FakeDirectory(station: nil)
        let (status, console, _) = try await ConfigCLI.run(["scn", "create", "--site", TestCLI.example("abc-20A.yaml"), "--json"] + arguments,
                                                           directory: directory)
        #expect(status == .invalidInput)
        let error = try #require(try TestCLI.json(console.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "scn.site-with-members")
        #expect((error["message"] as? String)?.hasPrefix(arguments[0]) == true)
        #expect(directory.configurations.isEmpty)
    }
}
