/// The register map a station reads a non-Socomec Modbus meter with (reference/alfen-station.md §4.3: `2570`–`2573`
/// are arrays of measurands, registers, data types and scale factors, `2574_0` the word order, `2574_3` the read
/// function). Only the HTTPS link can set it (SPEC §3). The arrays' element layout (sub-index N = the N-th entry,
/// from 1) and the codes below are our reading of the sources, stated nowhere: the catalog marks it `inferred`.
public struct CustomRegisterMap: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// Which quantity: `CustomRegisterMap.measurands` index + 1.
        public var measurand: Int
        /// PDU address (0-based).
        public var register: Int
        /// `CustomRegisterMap.dataTypes` index + 1.
        public var dataType: Int
        /// Power of ten the raw value is multiplied by (−3: the meter counts mA).
        public var scaleExponent: Int

        public init(measurand: Int, register: Int, dataType: Int, scaleExponent: Int) {
            self.measurand = measurand
            self.register = register
            self.dataType = dataType
            self.scaleExponent = scaleExponent
        }
    }

    /// The quantities a station's load balancing reads, in the order their codes count from 1 (the preset-file keys).
    public static let measurands = ["currentL1", "currentL2", "currentL3", "voltageL1", "voltageL2", "voltageL3",
                                    "activePowerL1", "activePowerL2", "activePowerL3", "totalActivePower", "frequency", "importEnergy"]
    /// Register data types, codes counting from 1 (the preset-file spellings).
    public static let dataTypes = ["int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"]

    public var entries: [Entry]
    /// `2574_0`: 0 most significant word first (ABCD), 1 least significant word first (CDAB).
    public var wordOrder: Int
    /// `2574_3`: 3 holding registers, 4 input registers.
    public var function: Int

    public init(entries: [Entry], wordOrder: Int, function: Int) {
        self.entries = entries
        self.wordOrder = wordOrder
        self.function = function
    }

    /// The properties, in write order: the four arrays entry by entry, then word order and function.
    public var properties: [(id: String, value: String)] {
        var writes: [(id: String, value: String)] = []
        for (index, entry) in entries.enumerated() {
            let sub = String(index + 1, radix: 16, uppercase: true)
            writes += [("2570_\(sub)", String(entry.measurand)), ("2571_\(sub)", String(entry.register)),
                       ("2572_\(sub)", String(entry.dataType)), ("2573_\(sub)", String(entry.scaleExponent))]
        }
        return writes + [("2574_0", String(wordOrder)), ("2574_3", String(function))]
    }

    /// Every id a map may use (12 entries at most): what a station serves and a reader asks for.
    public static let propertyIDs: [String] = (1...measurands.count).flatMap { index in
        ["2570", "2571", "2572", "2573"].map { "\($0)_\(String(index, radix: 16, uppercase: true))" }
    } + ["2574_0", "2574_1", "2574_2", "2574_3"]
}

extension CustomRegisterMap: CustomStringConvertible {
    public var description: String {
        "\(entries.count) registers, \(wordOrder == 0 ? "ABCD" : "CDAB"), function \(function)"
    }
}
