@testable import ChargeCtlCLI
import ArgumentParser
import ChargeIO
import ChargeTestSupport
import Foundation
import ModbusProtocol
import Testing

/// Issue 14 item 3: a hint names only flags its command has (`station status` has no `--unit`). Each failing
/// invocation below is run, and every `--flag` its hints name is looked up in that command's help; a flag inside
/// a quoted `chargectl OTHER …` command line is looked up in OTHER's.
@Suite struct HintAuditTests {
    /// The flags a command's help lists.
    static func flags(of path: [String]) throws -> Set<String> {
        let help = ChargeCtlCommand.helpMessage(for: try subcommand(path), columns: 1000)
        return Set(flagTokens(help))
    }

    static func subcommand(_ path: [String]) throws -> any ParsableCommand.Type {
        var command: any ParsableCommand.Type = ChargeCtlCommand.self
        for name in path {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == name }) else { break }
            command = next
        }
        return command
    }

    static func flagTokens(_ text: String) -> [String] {
        let pattern = /--[a-z][a-z0-9-]*/
        return text.matches(of: pattern).map { String($0.output) }
    }

    /// The command words of `chargectl config restore A FILE` (`config restore`), up to the first argument.
    static func commandPath(of commandLine: Substring) -> [String] {
        var path: [String] = []
        var command: any ParsableCommand.Type = ChargeCtlCommand.self
        for word in commandLine.split(separator: " ").dropFirst() {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == String(word) }) else { break }
            path.append(String(word))
            command = next
        }
        return path
    }

    /// Every (hint, flag) pair of `hints` that the command at `path` (or the quoted command) does not have.
    static func unknownFlags(in hints: [String], command path: [String]) throws -> [String] {
        var unknown: [String] = []
        for hint in hints {
            var rest = Substring(hint)
            // `chargectl …` in backticks or after "chargectl ": checked against that command.
            for match in hint.matches(of: /chargectl [a-z][a-z -]*[^`,;)]*/) {
                let quoted = match.output
                let other = commandPath(of: quoted)
                let known = try flags(of: other)
                unknown += flagTokens(String(quoted)).filter { !known.contains($0) }.map { "\(hint) [chargectl \(other.joined(separator: " "))]: \($0)" }
                rest = Substring(rest.replacingOccurrences(of: quoted, with: ""))
            }
            let known = try flags(of: path)
            unknown += flagTokens(String(rest)).filter { !known.contains($0) }.map { "\(hint) [\(path.joined(separator: " "))]: \($0)" }
        }
        return unknown
    }

    static func hints(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("hint: ") ? String(line.trimmingCharacters(in: .whitespaces).dropFirst(6)) : nil
        }
    }

    @Test func theAuditFindsAFlagTheCommandLacks() throws {
        #expect(try Self.unknownFlags(in: ["check the unit id (--unit)"], command: ["station", "status"]) == ["check the unit id (--unit) [station status]: --unit"])
        #expect(try Self.unknownFlags(in: ["check the unit id (--unit)"], command: ["meter", "test"]).isEmpty)
        #expect(try Self.unknownFlags(in: ["run `chargectl apply --resume X`"], command: ["config", "set"]).isEmpty)
        #expect(!(try Self.unknownFlags(in: ["run `chargectl apply --nope`"], command: ["config", "set"])).isEmpty)
    }

    @Test func modbusHintsNameTheFlagsOfTheirCommand() async throws {
        var bank = RegisterBank()
        try bank.store([0], at: 0, in: .holding, unit: 77)
        let responder = FaultyModbusResponder(bank: bank, fault: .none)
        try await ModbusTCPServer.serve(responder: responder) { port async throws in
            for (path, arguments) in [
                (["station", "status"], ["station", "status", "127.0.0.1:\(port)", "--timeout", "0.3"]),
                (["meter", "test"], ["meter", "test", "127.0.0.1:\(port)", "--preset", "eastron-sdm630", "--unit", "9", "--timeout", "0.3"]),
                (["station", "status"], ["station", "status", "127.0.0.1:1", "--timeout", "0.3"]),
                (["meter", "test"], ["meter", "test", "127.0.0.1"]),
                (["meter", "test"], ["meter", "test", "127.0.0.1", "--preset", "eastron-sdm630", "--word-order", "XY"]),
                (["station", "status"], ["station", "status", "http://127.0.0.1"]),
            ] {
                let run = try await TestCLI.run(arguments)
                #expect(run.status != .success)
                let hints = Self.hints(run.console.stderr)
                #expect(!hints.isEmpty, "\(arguments): \(run.console.stderr)")
                #expect(try Self.unknownFlags(in: hints, command: path) == [], "\(arguments)")
            }
        }
    }

    @Test func stationHintsNameTheFlagsOfTheirCommand() async throws {
        let cases: [([String], [String])] = [
            (["config", "get"], ["config", "get", "X"]),
            (["config", "set"], ["config", "set", "X", "HeartbeatInterval=60"]),
            (["config", "set"], ["config", "set", "A", "NoSuchKey=1"]),
            (["unlock"], ["unlock", "X", "--license-key-env", "K"]),
            (["unlock"], ["unlock", "A", "--license-key-env", "K", "--expect", "flying"]),
            (["alb", "configure"], ["alb", "configure", "X", "--source", "p1", "--max-current", "40"]),
            (["scn", "add"], ["scn", "add", "--name", "AB", "--station", "C"]),
            (["scn", "create"], ["scn", "create", "--name", "AB", "--total-current", "32", "--station", "A", "--station", "X"]),
            (["apply"], ["apply"]),
            (["apply"], ["apply", "--resume", "nope"]),
            (["config", "get"], ["config", "get", "A", "--wait", "0"]),
            (["config", "get"], ["config", "get", "A B"]),
        ]
        let station = ScriptedStation("A", values: LiveCommandTests.base)
        let live = LiveCLI(ScriptedDirectory([station]))
        for (path, arguments) in cases {
            let (status, console) = try await live.run(arguments, variables: ["K": LiveCommandTests.licence])
            #expect(status != .success, "\(arguments)")
            let hints = Self.hints(console.stderr)
            #expect(!hints.isEmpty, "\(arguments): \(console.stderr)")
            #expect(try Self.unknownFlags(in: hints, command: path) == [], "\(arguments)")
        }
    }
}
