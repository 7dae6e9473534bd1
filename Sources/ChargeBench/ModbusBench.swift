import ChargeIO
import Foundation
import ModbusProtocol

/// Issue 4: sequential reads of 10 holding registers per second over loopback, our client against the libmodbus
/// C client and the pymodbus client, all against the same libmodbus C server (`Benchmarks/modbus/`, built by
/// `make bench` when libmodbus-dev is installed). Target: at least the libmodbus client's rate.
enum ModbusBench {
    static let directory = ".build/bench-modbus"
    static let reads = 20_000

    static func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: "\(directory)/server"),
            FileManager.default.isExecutableFile(atPath: "\(directory)/client")
        else {
            print("skipped: \(directory)/server and client are not built; install libmodbus-dev and pkg-config, then make bench")
            return
        }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "\(directory)/server")
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        defer { server.terminate() }
        guard let line = String(data: output.fileHandleForReading.availableData, encoding: .utf8),
            let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines))
        else { print("skipped: the libmodbus server did not start"); return }

        // The machine is shared: the clients take turns for three rounds and each keeps its best round, so a
        // burst of someone else's load does not decide the ratio.
        let python = ".build-venv/bin/python"
        let hasPython = FileManager.default.isExecutableFile(atPath: python)
        var ours = 0.0, oursAsync = 0.0, libmodbus = 0.0, pymodbus = 0.0
        for _ in 0..<3 {
            ours = max(ours, try oursSynchronous(port: port))
            oursAsync = max(oursAsync, try await oursAsynchronous(port: port, count: reads / 4))
            libmodbus = max(libmodbus, Double(launch("\(directory)/client", ["\(port)", "\(reads)"]) ?? "") ?? 0)
            if hasPython {
                pymodbus = max(pymodbus, Double(launch(python, ["Benchmarks/modbus/pymodbus_client.py", "\(port)", "\(reads / 4)"]) ?? "") ?? 0)
            }
        }
        print("best of 3 rounds; \(reads) reads per round (\(reads / 4) for the async path and pymodbus)")
        print(String(format: "chargectl client (poll loop, blocking):   %8.0f reads/s", ours))
        print(String(format: "chargectl client (async send, I/O pool):  %8.0f reads/s", oursAsync))
        print(String(format: "libmodbus C client:                      %8.0f reads/s", libmodbus))
        print(pymodbus > 0 ? String(format: "pymodbus client:                         %8.0f reads/s", pymodbus)
                           : "pymodbus client: skipped (make pydeps)")
        if libmodbus > 0 {
            print(String(format: "ratio ours/libmodbus: %.2f (target >= 1.0); async path %.2f", ours / libmodbus, oursAsync / libmodbus))
        }
        if pymodbus > 0 { print(String(format: "ratio ours/pymodbus: %.1f", ours / pymodbus)) }
    }

    static func oursSynchronous(port: Int) throws -> Double {
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port))
        defer { client.close() }
        let request = ModbusRequest.readHoldingRegisters(address: 0, quantity: 10)
        _ = try client.exchange(request, unit: 1)
        let seconds = try Stopwatch.seconds {
            for _ in 0..<reads { _ = try client.exchange(request, unit: 1) }
        }
        return Double(reads) / seconds
    }

    static func oursAsynchronous(port: Int, count: Int) async throws -> Double {
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port))
        defer { client.close() }
        let request = ModbusRequest.readHoldingRegisters(address: 0, quantity: 10)
        _ = try await client.send(request, unit: 1)
        let start = ContinuousClock.now
        for _ in 0..<count { _ = try await client.send(request, unit: 1) }
        let elapsed = ContinuousClock.now - start
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Runs a baseline client and returns its first output line.
    static func launch(_ path: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(data: data, encoding: .utf8)?.split(separator: "\n").first.map(String.init)
    }
}
