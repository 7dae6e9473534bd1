/// How a preset recognises its meter model from one identification block (SPEC §2; meter-registers.md §1
/// "Identify via"): Eastron's meter code at holding 0xFC02 tells an SDM72D-M v1 (0x0084, 0x0200 seen) from a V2
/// (0x0089); Socomec's 0xC350 reads "SOCO". A wrong preset decodes plausible-looking nonsense, so `meter test`
/// checks this before it trusts the numbers.
public struct MeterIdentification: Hashable, Sendable {
    public enum Expectation: Hashable, Sendable {
        /// One register holding a model code; any of these values identifies the model.
        case code([UInt16])
        /// ASCII text that must start with `prefix` (compared case-insensitively).
        case text(prefix: String, packing: RegisterString.Packing)
    }

    public var table: RegisterTable
    /// PDU address (0-based), like every address in a preset.
    public var address: UInt16
    public var registerCount: Int
    public var expectation: Expectation

    public init(table: RegisterTable, address: UInt16, registerCount: Int, expectation: Expectation) {
        self.table = table
        self.address = address
        self.registerCount = max(1, min(registerCount, Int(ModbusLimits.readQuantity.upperBound)))
        self.expectation = expectation
    }

    /// The one read that fetches the identification block.
    public var read: RegisterRead {
        RegisterRead(table: table, address: address, quantity: UInt16(registerCount))
    }

    /// Whether `registers` (the response to `read`) identify this model.
    public func matches(_ registers: [UInt16]) -> Bool {
        switch expectation {
        case .code(let codes):
            return registers.first.map(codes.contains) ?? false
        case .text(let prefix, let packing):
            return RegisterString.decode(registers, packing: packing).lowercased().hasPrefix(prefix.lowercased())
        }
    }

    /// What the meter answered, as a person reads it: `0x0089` for a code, the text for a string.
    public func describe(_ registers: [UInt16]) -> String {
        switch expectation {
        case .code: registers.first.map { hexString($0) } ?? "nothing"
        case .text(_, let packing): "\"\(RegisterString.decode(registers, packing: packing))\""
        }
    }

    /// What the preset expects, in the same notation as `describe`.
    public var expected: String {
        switch expectation {
        case .code(let codes): codes.map { hexString($0) }.joined(separator: " or ")
        case .text(let prefix, _): "\"\(prefix)\""
        }
    }

    /// Whether two identifications read the same block, so one's answer can be tested against the other.
    public func readsSameBlock(as other: MeterIdentification) -> Bool {
        table == other.table && address == other.address
    }
}
