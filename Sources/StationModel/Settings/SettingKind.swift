import AllocationCore

/// What a setting holds and how each link spells it (SPEC §3 table).
public enum SettingKind: Sendable, Equatable {
    public enum BoolSpelling: Sendable, Equatable { case onOff, trueFalse }
    /// `SCN-PhaseMapping-N` travels as its wire number (4 = L1L2L3), `Phase-Connected` as its name.
    public enum MappingSpelling: Sendable, Equatable { case number, name }

    public struct Choice: Sendable, Equatable {
        public var name: String
        /// The OCPP value; nil when OCPP cannot express it.
        public var ocpp: String?
        /// The HTTPS integer; nil when HTTPS cannot express it.
        public var https: Int?
        public init(_ name: String, ocpp: String?, https: Int?) {
            self.name = name
            self.ocpp = ocpp
            self.https = https
        }
    }

    case amperes(ClosedRange<Double>)
    case seconds(ClosedRange<Int>)
    case integer(ClosedRange<Int>)
    case bool(BoolSpelling)
    case choice([Choice])
    /// Free text matching a rule described for people.
    case text(maxLength: Int)
    case ipv4
    case phaseMapping(MappingSpelling, allowsNone: Bool)
    case secret
    /// A Modbus meter's register map (HTTPS only, `CustomRegisterMap`).
    case registerMap
    /// Reported by the station, never written.
    case readOnly
}
