/// The registers a simulated Modbus server holds: per unit id, sparse holding and input tables. Pure value; the
/// shell's TCP server owns one and asks it to answer each decoded request (`RegisterBank+Handling.swift`).
public struct RegisterBank: Hashable, Sendable {
    struct Unit: Hashable, Sendable {
        var holding: [UInt16: UInt16] = [:]
        var input: [UInt16: UInt16] = [:]

        subscript(table: RegisterTable) -> [UInt16: UInt16] { table == .holding ? holding : input }

        /// Mutates one table in place; a get-modify-set subscript would copy the whole table on every write.
        mutating func modify(_ table: RegisterTable, _ body: (inout [UInt16: UInt16]) -> Void) {
            switch table {
            case .holding: body(&holding)
            case .input: body(&input)
            }
        }
    }

    var units: [UInt8: Unit] = [:]

    public init() {}

    /// The unit ids the bank answers for.
    public var unitIDs: Set<UInt8> { Set(units.keys) }

    /// Makes `unitID` answer, even with no registers (every read then gets exception 0x02).
    public mutating func addUnit(_ unitID: UInt8) {
        if units[unitID] == nil { units[unitID] = Unit() }
    }

    public mutating func removeUnit(_ unitID: UInt8) { units[unitID] = nil }

    /// Stores `values` at consecutive addresses from `address`, adding the unit if needed.
    public mutating func store(
        _ values: [UInt16], at address: UInt16, in table: RegisterTable, unit unitID: UInt8
    ) throws(RegisterBankError) {
        guard Int(address) + values.count <= 0x10000 else {
            throw .beyondAddressSpace(address: address, count: values.count)
        }
        units[unitID, default: Unit()].modify(table) { registers in
            for (offset, value) in values.enumerated() { registers[UInt16(Int(address) + offset)] = value }
        }
    }

    /// Stores a sparse snapshot (address → register), e.g. a meter preset's encoded readings.
    public mutating func store(_ registers: [UInt16: UInt16], in table: RegisterTable, unit unitID: UInt8) {
        units[unitID, default: Unit()].modify(table) { $0.merge(registers) { _, new in new } }
    }

    /// One register, nil when the unit or the register is absent.
    public func register(_ address: UInt16, in table: RegisterTable, unit unitID: UInt8) -> UInt16? {
        units[unitID]?[table][address]
    }

    /// All registers of a table of a unit.
    public func registers(in table: RegisterTable, unit unitID: UInt8) -> [UInt16: UInt16] {
        units[unitID]?[table] ?? [:]
    }

    /// `count` consecutive registers, nil when any is absent or the range runs past 0xFFFF: the condition for
    /// exception 0x02 (Modbus Application Protocol 1.1b3 §6.3, "Starting Address + Quantity of Registers").
    public func read(_ address: UInt16, count: Int, in table: RegisterTable, unit unitID: UInt8) -> [UInt16]? {
        guard let registers = units[unitID]?[table], count >= 0, Int(address) + count <= 0x10000 else { return nil }
        var values: [UInt16] = []
        values.reserveCapacity(count)
        for offset in 0..<count {
            guard let value = registers[UInt16(Int(address) + offset)] else { return nil }
            values.append(value)
        }
        return values
    }
}

/// Why registers could not be stored in a bank.
public enum RegisterBankError: Error, Hashable, Sendable {
    /// The run would pass register 0xFFFF.
    case beyondAddressSpace(address: UInt16, count: Int)
}
