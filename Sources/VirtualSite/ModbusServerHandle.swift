import ChargeIO

/// A Modbus TCP server running in its own task until cancelled: `ModbusTCPServer.serve` is structured (it serves
/// while its body runs), so the body reports the bound port and then waits to be cancelled.
struct ModbusServerHandle: Sendable {
    let port: Int
    let task: Task<Void, Never>

    static func start(host: String, responder: some ModbusServerResponder) async throws -> ModbusServerHandle {
        let (bound, report) = AsyncStream.makeStream(of: Result<Int, any Error>.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            do {
                try await ModbusTCPServer.serve(host: host, port: 0, responder: responder) { port in
                    report.yield(.success(port))
                    // Serves until the site stops (cancellation ends the sleep).
                    try await Task.sleep(for: .seconds(366 * 86400))
                }
            } catch {
                report.yield(.failure(error))
            }
            report.finish()
        }
        for await outcome in bound {
            return ModbusServerHandle(port: try outcome.get(), task: task)
        }
        throw CancellationError()
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}
