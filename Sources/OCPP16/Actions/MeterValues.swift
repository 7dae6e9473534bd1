/// MeterValues (OCPP 1.6 §4.7, §6.31–6.32): sampled or clock-aligned meter readings of one connector.
///
/// connectorId 0 is the main meter of the charge point (OCPP 1.6 §3.8). The central system answers `{}`.
public enum MeterValues: OCPPAction {
    public static let name = "MeterValues"

    public struct Request: OCPPPayload {
        public var connectorId: Int
        public var transactionId: Int?
        /// At least one (OCPP 1.6 §6.31 cardinality 1..*).
        public var meterValue: [MeterValue]

        public init(connectorId: Int, transactionId: Int? = nil, meterValue: [MeterValue]) {
            self.connectorId = connectorId
            self.transactionId = transactionId
            self.meterValue = meterValue
        }

        public func validate() throws(SchemaViolation) {
            try SchemaCheck.minimum(connectorId, 0, "connectorId")
            try SchemaCheck.items(meterValue, atLeast: 1, "meterValue")
            for (index, value) in meterValue.enumerated() {
                try SchemaCheck.items(value.sampledValue, atLeast: 1, "meterValue[\(index)].sampledValue")
            }
        }
    }

    public typealias Confirmation = EmptyPayload

    /// MeterValue (OCPP 1.6 §7.34): the samples taken at one instant.
    public struct MeterValue: Codable, Sendable, Hashable {
        public var timestamp: OCPPTimestamp
        public var sampledValue: [SampledValue]

        public init(timestamp: OCPPTimestamp, sampledValue: [SampledValue]) {
            self.timestamp = timestamp
            self.sampledValue = sampledValue
        }
    }

    /// SampledValue (OCPP 1.6 §7.43). The value is always a string on the wire; absent optional fields mean the
    /// defaults of the PDU table (Sample.Periodic, Raw, Energy.Active.Import.Register, Outlet, Wh).
    public struct SampledValue: Codable, Sendable, Hashable {
        public var value: String
        public var context: ReadingContext?
        public var format: ValueFormat?
        public var measurand: Measurand?
        public var phase: Phase?
        public var location: Location?
        public var unit: UnitOfMeasure?

        public init(
            value: String, context: ReadingContext? = nil, format: ValueFormat? = nil, measurand: Measurand? = nil,
            phase: Phase? = nil, location: Location? = nil, unit: UnitOfMeasure? = nil
        ) {
            self.value = value
            self.context = context
            self.format = format
            self.measurand = measurand
            self.phase = phase
            self.location = location
            self.unit = unit
        }
    }

    public static func wrap(_ request: Request) -> OCPPRequest { .meterValues(request) }
    public static func unwrap(_ request: OCPPRequest) -> Request? {
        if case .meterValues(let value) = request { return value }
        return nil
    }
    public static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation { .meterValues }
    public static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation? {
        if case .meterValues = confirmation { return EmptyPayload() }
        return nil
    }
}
