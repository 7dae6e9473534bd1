/// One meter model's Modbus map (SPEC §2 "Meter presets"): a pure value. The shell parses the YAML files of
/// `Presets/` into it; `meter test` and the simulator use its read plan, decoding and encoding.
public struct MeterPreset: Hashable, Sendable {
    public enum Transport: String, Hashable, Sendable, CaseIterable {
        case tcp
        case rtu
    }

    /// Serial line settings for RTU (Modbus over serial line 1.02 §2.5.1: 8 data bits; even parity is the
    /// default there, but most meters ship with none and 1 stop bit, meter-registers.md §1).
    public struct SerialSettings: Hashable, Sendable {
        public enum Parity: String, Hashable, Sendable, CaseIterable { case none, even, odd }

        public var baudRate: Int
        public var dataBits: Int
        public var parity: Parity
        public var stopBits: Int

        public init(baudRate: Int, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1) {
            self.baudRate = baudRate
            self.dataBits = dataBits
            self.parity = parity
            self.stopBits = stopBits
        }
    }

    public var model: String
    /// In order of preference.
    public var transports: [Transport]
    public var defaultUnitID: UInt8
    /// The TCP port, 502 for every meter researched (meter-registers.md §2.1).
    public var defaultPort: UInt16?
    public var serial: SerialSettings?
    /// Function code 3 (holding) or 4 (input) for the measurements; Eastron needs 4 (meter-registers.md §11 #11).
    public var table: RegisterTable
    public var wordOrder: WordOrder
    public var quantities: [MeterQuantity: QuantityRegister]

    public init(
        model: String, transports: [Transport], defaultUnitID: UInt8, defaultPort: UInt16? = nil,
        serial: SerialSettings? = nil, table: RegisterTable, wordOrder: WordOrder,
        quantities: [MeterQuantity: QuantityRegister]
    ) {
        self.model = model
        self.transports = transports
        self.defaultUnitID = defaultUnitID
        self.defaultPort = defaultPort
        self.serial = serial
        self.table = table
        self.wordOrder = wordOrder
        self.quantities = quantities
    }

    /// The mapped quantities in declaration order.
    public var sortedQuantities: [(quantity: MeterQuantity, register: QuantityRegister)] {
        quantities.sorted { $0.key < $1.key }.map { (quantity: $0.key, register: $0.value) }
    }
}
