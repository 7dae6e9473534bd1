import ArgumentParser
import ChargeIO
import ModbusProtocol

/// Hidden test entry (`chargectl debug modbus-serve`): our Modbus TCP server with a few registers, so the interop
/// tests can point pymodbus's client at it. Bounded: it stops after `--seconds`.
struct DebugCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", abstract: "Test entries.", shouldDisplay: false, subcommands: [DebugModbusServe.self])
}

struct DebugModbusServe: AsyncParsableCommand, EnvironmentRunnable {
    static let configuration = CommandConfiguration(commandName: "modbus-serve", abstract: "Serve registers over Modbus TCP on 127.0.0.1.")

    @Option(help: "TCP port; 0 picks a free one.") var port = 0
    @Option(help: "Unit id the registers belong to.") var unit = 1
    @Option(help: "ADDRESS=V,V,… holding registers (repeatable).") var holding: [String] = []
    @Option(help: "ADDRESS=V,V,… input registers (repeatable).") var input: [String] = []
    @Option(help: "Stop after this many seconds.") var seconds = 30.0

    func run() async throws { try await runLive() }

    func run(_ env: CLIEnvironment) async -> ExitStatus {
        await CommandRunner.run(in: env) {
            var bank = RegisterBank()
            bank.addUnit(UInt8(clamping: unit))
            for (table, specs) in [(RegisterTable.holding, holding), (.input, input)] {
                for spec in specs {
                    let parts = spec.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, let address = UInt16(parts[0]) else {
                        throw CommandFailure(status: .invalidInput, code: "option.registers", message: "\(spec) is not ADDRESS=V,V,…", hint: "e.g. 10=100,110,120")
                    }
                    let values = parts[1].split(separator: ",").compactMap { UInt16($0) }
                    try bank.store(values, at: address, in: table, unit: UInt8(clamping: unit))
                }
            }
            let responder = RegisterBankResponder(bank: bank, unknownUnits: .gatewayException)
            let console = env.console
            let lifetime = seconds
            try await ModbusTCPServer.serve(port: port, responder: responder) { port in
                console.out("listening 127.0.0.1:\(port)\n")
                try await Task.sleep(for: .milliseconds(Int(lifetime * 1000)))
            }
            return .success
        }
    }
}
