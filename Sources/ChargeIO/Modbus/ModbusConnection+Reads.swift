import ModbusProtocol

extension ModbusConnection {
    /// `count` consecutive registers, fetched in reads of at most `chunk` (≤ 125, Modbus Application Protocol
    /// 1.1b3 §6.3; the Alfen socket block of 126 registers needs two reads, alfen-station.md §1.1).
    public func readRegisters(_ table: RegisterTable, address: UInt16, count: Int, unit: UInt8, chunk: Int = 125)
        async throws(ModbusClientError) -> [UInt16]
    {
        let size = min(max(chunk, 1), Int(ModbusLimits.readQuantity.upperBound))
        var registers: [UInt16] = []
        var next = Int(address)
        let end = min(Int(address) + max(count, 0), 0x10000)
        while next < end {
            let quantity = min(size, end - next)
            let response = try await send(.read(table, address: UInt16(next), quantity: UInt16(quantity)), unit: unit)
            registers += response.registers ?? []
            next += quantity
        }
        return registers
    }

    /// Runs a read plan (a preset's `readPlan`) and files every response into one snapshot.
    public func read(_ plan: [RegisterRead], unit: UInt8) async throws(ModbusClientError) -> [UInt16: UInt16] {
        var snapshot: [UInt16: UInt16] = [:]
        for read in plan {
            let registers = try await readRegisters(read.table, address: read.address, count: Int(read.quantity), unit: unit)
            read.store(registers, into: &snapshot)
        }
        return snapshot
    }
}
