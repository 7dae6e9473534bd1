import ChargeIO
import ModbusProtocol

/// One holding-register read from a loopback Modbus server, with the product's own client.
enum ModbusLoopbackRead {
    static func holding(port: Int, unit: UInt8, address: UInt16, count: Int) async throws -> [UInt16] {
        let client = ModbusClient(endpoint: .tcp(host: "127.0.0.1", port: port), options: ModbusClientOptions(timeout: 5))
        defer { client.close() }
        return try await client.readRegisters(.holding, address: address, count: count, unit: unit)
    }
}
