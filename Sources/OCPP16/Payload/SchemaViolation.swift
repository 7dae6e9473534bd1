/// A payload that does not conform to its OCPP 1.6J JSON schema.
///
/// `path` names the field (`meterValue[0].sampledValue[1].unit`). No case carries the offending value — only its
/// length or kind — because configuration values include licence and authorization keys (SPEC §6).
public enum SchemaViolation: Error, Sendable, Hashable {
    /// A required field is absent.
    case missingField(path: String)
    /// A field has the wrong JSON type (`"connectorId": "1"`), or is `null` where a value is required.
    case wrongType(path: String)
    /// A well-typed field whose value is not allowed: an enum string outside the schema's list.
    case invalidValue(path: String)
    /// A string longer than the schema's `maxLength` (the CiStringNN types of OCPP 1.6 §7), counted in characters.
    case stringTooLong(path: String, maximum: Int, length: Int)
    /// An integer below the smallest value the PDU allows (connector ids start at 0, OCPP 1.6 §3.8).
    case belowMinimum(path: String, minimum: Int, value: Int)
    /// An array with fewer items than its cardinality allows (MeterValues needs at least one value, OCPP 1.6 §6.31).
    case tooFewItems(path: String, minimum: Int, count: Int)
    /// A `dateTime` field that is not an ISO 8601 timestamp (OCPP 1.6 §3.14–3.15).
    case invalidTimestamp(path: String)
    /// The payload is not a JSON object at all.
    case notAnObject(kind: String)

    /// The CALLERROR code to answer with (OCPP-J 1.6 specification §4.2.3 table 7). A too-long string violates its
    /// CiStringNN data type, so it is a TypeConstraintViolation, like the `ocpp` Python peer answers; a value outside
    /// an enum or a range is a PropertyConstraintViolation (OCPP 1.6 errata 3.38); a missing required field leaves
    /// the payload incomplete, a ProtocolError; too few array items is an occurrence (cardinality) violation.
    public var callErrorCode: CallErrorCode {
        switch self {
        case .missingField: .protocolError
        case .wrongType, .stringTooLong, .invalidTimestamp: .typeConstraintViolation
        case .invalidValue, .belowMinimum: .propertyConstraintViolation
        case .tooFewItems: .occurenceConstraintViolation
        case .notAnObject: .formationViolation
        }
    }

    /// The field the violation is about; empty for the payload itself.
    public var path: String {
        switch self {
        case .missingField(let path), .wrongType(let path), .invalidValue(let path), .invalidTimestamp(let path):
            path
        case .stringTooLong(let path, _, _), .belowMinimum(let path, _, _), .tooFewItems(let path, _, _):
            path
        case .notAnObject:
            ""
        }
    }
}

extension SchemaViolation: CustomStringConvertible {
    public var description: String {
        if path.isEmpty, case .invalidValue = self { return "payload has a value the schema does not allow" }
        return switch self {
        case .missingField(let path): "required field \(path) is missing"
        case .wrongType(let path): "field \(path) has the wrong type"
        case .invalidValue(let path): "field \(path) has a value the schema does not allow"
        case .stringTooLong(let path, let maximum, let length):
            "field \(path) has \(length) characters, at most \(maximum) allowed"
        case .belowMinimum(let path, let minimum, let value): "field \(path) is \(value), at least \(minimum) allowed"
        case .tooFewItems(let path, let minimum, let count): "field \(path) has \(count) items, at least \(minimum) needed"
        case .invalidTimestamp(let path): "field \(path) is not an ISO 8601 date-time"
        case .notAnObject(let kind): "payload is a JSON \(kind), not an object"
        }
    }
}
