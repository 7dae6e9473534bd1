/// The `errorCode` of a CALLERROR (OCPP-J 1.6 specification §4.2.3, table 7).
///
/// Parsing is tolerant of what real peers send: the 1.6 spellings `FormationViolation` and
/// `OccurenceConstraintViolation` are official and will not be fixed (OCPP-J 1.6 errata 5.1, 5.2), while OCPP 2.x
/// peers and the Python `ocpp` package send `FormatViolation` / `OccurrenceConstraintViolation`; both map to the
/// same case. Codes outside the table are preserved in `.other` so nothing a station says is lost. This side always
/// writes the 1.6 spellings.
public enum CallErrorCode: Sendable, Hashable {
    case notImplemented
    case notSupported
    case internalError
    case protocolError
    case securityError
    case formationViolation
    case propertyConstraintViolation
    case occurenceConstraintViolation
    case typeConstraintViolation
    case genericError
    case other(String)

    public init(wireValue: String) {
        switch wireValue {
        case "NotImplemented": self = .notImplemented
        case "NotSupported": self = .notSupported
        case "InternalError": self = .internalError
        case "ProtocolError": self = .protocolError
        case "SecurityError": self = .securityError
        case "FormationViolation", "FormatViolation": self = .formationViolation
        case "PropertyConstraintViolation": self = .propertyConstraintViolation
        case "OccurenceConstraintViolation", "OccurrenceConstraintViolation": self = .occurenceConstraintViolation
        case "TypeConstraintViolation": self = .typeConstraintViolation
        case "GenericError": self = .genericError
        default: self = .other(wireValue)
        }
    }

    /// The OCPP 1.6 spelling written on the wire.
    public var wireValue: String {
        switch self {
        case .notImplemented: "NotImplemented"
        case .notSupported: "NotSupported"
        case .internalError: "InternalError"
        case .protocolError: "ProtocolError"
        case .securityError: "SecurityError"
        case .formationViolation: "FormationViolation"
        case .propertyConstraintViolation: "PropertyConstraintViolation"
        case .occurenceConstraintViolation: "OccurenceConstraintViolation"
        case .typeConstraintViolation: "TypeConstraintViolation"
        case .genericError: "GenericError"
        case .other(let code): code
        }
    }

    /// True for both "the peer does not do this action" codes. The Python `ocpp` package swaps the meanings of
    /// `NotImplemented` and `NotSupported` relative to table 7, so a caller deciding "skip this action on this
    /// station" should treat them alike.
    public var meansActionUnavailable: Bool {
        self == .notImplemented || self == .notSupported
    }
}

extension CallErrorCode: CustomStringConvertible {
    public var description: String { wireValue }
}
