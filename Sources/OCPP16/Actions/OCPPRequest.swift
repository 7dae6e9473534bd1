import JSONText

/// The requests of the actions this package models: the charge point's CALLs a central system must answer
/// (SPEC §5) and the central system's CALLs used for commissioning. A closed set, so a session can route and
/// decode without generics.
public enum OCPPRequest: Sendable, Hashable {
    case bootNotification(BootNotification.Request)
    case heartbeat
    case statusNotification(StatusNotification.Request)
    case meterValues(MeterValues.Request)
    case authorize(Authorize.Request)
    case dataTransfer(DataTransfer.Request)
    case getConfiguration(GetConfiguration.Request)
    case changeConfiguration(ChangeConfiguration.Request)
    case reset(Reset.Request)
    case triggerMessage(TriggerMessage.Request)
    case changeAvailability(ChangeAvailability.Request)

    /// The Action name of the CALL frame.
    public var action: String {
        switch self {
        case .bootNotification: BootNotification.name
        case .heartbeat: Heartbeat.name
        case .statusNotification: StatusNotification.name
        case .meterValues: MeterValues.name
        case .authorize: Authorize.name
        case .dataTransfer: DataTransfer.name
        case .getConfiguration: GetConfiguration.name
        case .changeConfiguration: ChangeConfiguration.name
        case .reset: Reset.name
        case .triggerMessage: TriggerMessage.name
        case .changeAvailability: ChangeAvailability.name
        }
    }

    /// The payload, checked against its schema.
    public func payload() throws(SchemaViolation) -> JSONValue {
        switch self {
        case .bootNotification(let request): try PayloadCoder.encode(request)
        case .heartbeat: try PayloadCoder.encode(EmptyPayload())
        case .statusNotification(let request): try PayloadCoder.encode(request)
        case .meterValues(let request): try PayloadCoder.encode(request)
        case .authorize(let request): try PayloadCoder.encode(request)
        case .dataTransfer(let request): try PayloadCoder.encode(request)
        case .getConfiguration(let request): try PayloadCoder.encode(request)
        case .changeConfiguration(let request): try PayloadCoder.encode(request)
        case .reset(let request): try PayloadCoder.encode(request)
        case .triggerMessage(let request): try PayloadCoder.encode(request)
        case .changeAvailability(let request): try PayloadCoder.encode(request)
        }
    }

    /// Decodes the payload of a CALL; nil when the action is not one this package models.
    public static func decode(action: String, payload: JSONValue) throws(SchemaViolation) -> OCPPRequest? {
        switch action {
        case BootNotification.name: .bootNotification(try PayloadCoder.decode(from: payload))
        case Heartbeat.name: try heartbeat(payload)
        case StatusNotification.name: .statusNotification(try PayloadCoder.decode(from: payload))
        case MeterValues.name: .meterValues(try PayloadCoder.decode(from: payload))
        case Authorize.name: .authorize(try PayloadCoder.decode(from: payload))
        case DataTransfer.name: .dataTransfer(try PayloadCoder.decode(from: payload))
        case GetConfiguration.name: .getConfiguration(try PayloadCoder.decode(from: payload))
        case ChangeConfiguration.name: .changeConfiguration(try PayloadCoder.decode(from: payload))
        case Reset.name: .reset(try PayloadCoder.decode(from: payload))
        case TriggerMessage.name: .triggerMessage(try PayloadCoder.decode(from: payload))
        case ChangeAvailability.name: .changeAvailability(try PayloadCoder.decode(from: payload))
        default: nil
        }
    }

    private static func heartbeat(_ payload: JSONValue) throws(SchemaViolation) -> OCPPRequest {
        _ = try PayloadCoder.decode(EmptyPayload.self, from: payload)
        return .heartbeat
    }

    /// The CALL frame for this request.
    public func callFrame(messageID: String) throws(SchemaViolation) -> CallFrame {
        CallFrame(messageID: messageID, action: action, payload: try payload())
    }
}
