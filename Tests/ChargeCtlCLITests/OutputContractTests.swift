@testable import ChargeCtlCLI
import ChargeIO
import ChargeTestSupport
import Foundation
import ModbusProtocol
import Testing

/// Issue 14 items 2 and 3: one JSON document on every path `--json` is given, and the right exit code.
@Suite struct OutputContractTests {
    /// `{"ok": false, "error": {code, message, hint}}` and nothing else on stdout.
    static func failureDocument(_ stdout: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == 1, "exactly one document: \(stdout)", sourceLocation: sourceLocation)
        let document = try TestCLI.json(stdout)
        #expect(document["ok"] as? Bool == false, sourceLocation: sourceLocation)
        let error = try #require(document["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(Set(error.keys) == ["code", "message", "hint"], sourceLocation: sourceLocation)
        return error
    }

    @Test(arguments: [
        ["alb", "configure", "A", "--source", "solar", "--json"],
        ["config", "get", "A", "--listen", "abc", "--json"],
        ["--json", "config", "get", "A", "--wait", "nan"],
        ["unlock", "A", "--license-key-env", "K", "--via", "modbus", "--json"],
        ["meter", "test", "127.0.0.1", "--preset", "eastron-sdm630", "--no-such-flag", "--json"],
    ])
    func syntaxErrorsAreExit64WithOneDocument(_ arguments: [String]) async throws {
        let run = try await TestCLI.run(arguments)
        #expect(run.status == .usage)
        let error = try Self.failureDocument(run.console.stdout)
        #expect(error["code"] as? String == "usage.syntax")
        #expect((error["hint"] as? String)?.contains("--help") == true)
        #expect(run.console.stderr.contains("error:"))
    }

    @Test func withoutJSONASyntaxErrorPrintsOnlyToStderr() async throws {
        let run = try await TestCLI.run(["alb", "configure", "A", "--source", "solar"])
        #expect(run.status == .usage)
        #expect(run.console.stdout.isEmpty)
        #expect(run.console.stderr.contains("solar"))
    }

    @Test func helpAndCompletionScriptsStillPrintOnStdout() async throws {
        let help = try await TestCLI.run(["station", "status", "--help"])
        #expect(help.status == .success && help.console.stdout.contains("USAGE: chargectl station status"))
        let completion = try await TestCLI.run(["--generate-completion-script", "bash"])
        #expect(completion.status == .success && completion.console.stdout.contains("complete"))
        let version = try await TestCLI.run(["--version"])
        #expect(version.status == .success && version.console.stdout.contains("0.1.0"))
    }

    @Test(arguments: [
        (["config", "get", "A", "--wait", "0", "--json"], "--wait 0: must be more than 0 and at most 86400 seconds"),
        (["config", "get", "A", "--wait=-1", "--json"], "--wait -1: must be more than 0 and at most 86400 seconds"),
        (["config", "get", "A", "--wait", "90000", "--json"], "--wait 90000: must be more than 0 and at most 86400 seconds"),
        (["meter", "test", "127.0.0.1", "--preset", "eastron-sdm630", "--watch", "--interval", "0", "--json"],
         "--interval 0: must be at least 0.1 and at most 86400 seconds"),
        (["meter", "test", "127.0.0.1", "--preset", "eastron-sdm630", "--timeout", "0", "--json"],
         "--timeout 0: must be more than 0 and at most 3600 seconds"),
    ])
    func theToolsOwnRangesAreExit2WithASelfConsistentMessage(_ arguments: [String], _ message: String) async throws {
        let run = try await TestCLI.run(arguments)
        #expect(run.status == .invalidInput)
        let error = try Self.failureDocument(run.console.stdout)
        #expect(error["code"] as? String == "option.range")
        #expect(error["message"] as? String == message)
    }

    @Test func aNegativeWaitWithASpaceIsANumberOutOfRange() async throws {
        let run = try await TestCLI.run(["config", "get", "A", "--wait", "-1", "--json"])
        #expect(run.status == .invalidInput)
        #expect(try Self.failureDocument(run.console.stdout)["message"] as? String == "--wait -1: must be more than 0 and at most 86400 seconds")
    }

    @Test(arguments: ["", "A/B", "A B", "ws://x/ocpp/A"])
    func aStationThatCannotBeAnOCPPIdentityIsExit2AtOnce(_ station: String) async throws {
        // No central system is given: reaching for one would fail the test with exit 3, not 2.
        for arguments in [["config", "get", station, "--json"], ["config", "set", station, "HeartbeatInterval=60", "--json"],
                          ["unlock", station, "--license-key-env", "K", "--json"]] {
            let run = try await TestCLI.run(arguments, variables: ["K": "1a2b3c4d5e6f7a8b9c0d1e2f"])
            #expect(run.status == .invalidInput, "\(arguments): \(run.console.stderr)")
            #expect(try Self.failureDocument(run.console.stdout)["code"] as? String == "station.identity")
        }
    }

    @Test(arguments: ["http://192.168.0.21", "https://192.168.0.21:502/", "192.168.0.21/24", "my station"])
    func aURLOrAPathIsNoModbusHost(_ target: String) async throws {
        let run = try await TestCLI.run(["station", "status", target, "--json"])
        #expect(run.status == .invalidInput, "\(run.console.stderr)")
        let code = try Self.failureDocument(run.console.stdout)["code"] as? String
        #expect(code == "target.url" || code == "target.host")
    }

    @Test func everyOtherCommandPrintsExactlyOneDocument() async throws {
        for arguments in [["meter", "presets", "--json"], ["plan", TestCLI.example("abc-20A.yaml"), "--json"],
                          ["apply", "--json"], ["station", "status", "127.0.0.1:1", "--timeout", "0.2", "--json"]] {
            let run = try await TestCLI.run(arguments)
            #expect(run.console.stdout.split(separator: "\n").count == 1, "\(arguments): \(run.console.stdout)")
            _ = try TestCLI.json(run.console.stdout)
        }
    }
}
