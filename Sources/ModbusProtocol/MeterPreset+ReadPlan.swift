/// One read request of a plan: a run of registers of one table.
public struct RegisterRead: Hashable, Sendable {
    public var table: RegisterTable
    public var address: UInt16
    public var quantity: UInt16

    public init(table: RegisterTable, address: UInt16, quantity: UInt16) {
        self.table = table
        self.address = address
        self.quantity = quantity
    }

    public var request: ModbusRequest { .read(table, address: address, quantity: quantity) }

    /// Files the registers of this read's response into a snapshot keyed by address.
    public func store(_ registers: [UInt16], into snapshot: inout [UInt16: UInt16]) {
        for (offset, value) in registers.prefix(Int(quantity)).enumerated() {
            let address = Int(address) + offset
            if address <= 0xFFFF { snapshot[UInt16(address)] = value }
        }
    }
}

extension MeterPreset {
    /// The reads that cover every mapped quantity, fewest first: ranges closer than `maximumGap` registers are
    /// merged (one request beats several on a slow serial line) as long as a read stays within
    /// `maximumQuantity` (at most 125, Modbus Application Protocol 1.1b3 §6.3). Pass a gap of 0 for a device
    /// that refuses reads across unmapped registers; lower the quantity for a meter with a smaller limit (the
    /// SDM630 answers at most 80 registers, meter-registers.md §3.1). A register past 0xFFFF is left out; the
    /// validation reports it.
    public func readPlan(maximumQuantity: Int = 125, maximumGap: Int = 16) -> [RegisterRead] {
        let limit = min(max(maximumQuantity, 1), Int(ModbusLimits.readQuantity.upperBound))
        let ranges = quantities.values.map(\.addressRange)
            .filter { $0.upperBound <= 0x10000 && $0.count <= limit }
            .sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound - last.upperBound <= max(maximumGap, 0),
                max(last.upperBound, range.upperBound) - last.lowerBound <= limit
            {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged.map {
            RegisterRead(table: table, address: UInt16($0.lowerBound), quantity: UInt16($0.count))
        }
    }
}
