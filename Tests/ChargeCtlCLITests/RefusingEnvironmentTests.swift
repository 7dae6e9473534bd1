import ChargeCtlCLI
import Testing

/// The plain environment refuses what it was not given, saying so, instead of touching the machine.
@Suite struct RefusingEnvironmentTests {
    @Test func noCentralSystemIsStartedUnlessGiven() async throws {
        let test = TestEnvironment()
        let status = try await test.run(["config", "get", "CP1", "--json"])
        #expect(status != .success)
        #expect(test.console.stderr.contains("test environment: no OCPP central system (centralSystem) given"), "\(test.console.stderr)")
    }

    @Test func noModbusConnectionIsOpenedUnlessGiven() async throws {
        let test = TestEnvironment()
        let status = try await test.run(["station", "status", "127.0.0.1:1502"])
        #expect(status == .communication)
        #expect(test.console.stderr.contains("test environment: no Modbus connector (modbusConnector) given"), "\(test.console.stderr)")
    }

    @Test func noFileIsWrittenOrReadUnlessGiven() throws {
        let env = TestEnvironment().env
        #expect(throws: TestEnvironmentRefusal.self) { try env.writeFile("/tmp/x", "y") }
        #expect(throws: TestEnvironmentRefusal.self) { try env.readFile("/etc/hostname") }
        #expect(throws: TestEnvironmentRefusal.self) { try env.makeDirectory("/tmp/x") }
        #expect(throws: TestEnvironmentRefusal.self) { try env.appendLine("/tmp/x", "y") }
    }
}
