import JSONText

/// The confirmations of the modelled actions, as a session delivers them when a CALLRESULT completes a CALL.
///
/// A CALLRESULT does not name its action (OCPP-J 1.6 specification §4.2.2), so decoding needs the action of the
/// CALL it answers.
public enum OCPPConfirmation: Sendable, Hashable {
    case bootNotification(BootNotification.Confirmation)
    case heartbeat(Heartbeat.Confirmation)
    case statusNotification
    case meterValues
    case authorize(Authorize.Confirmation)
    case dataTransfer(DataTransfer.Confirmation)
    case getConfiguration(GetConfiguration.Confirmation)
    case changeConfiguration(ChangeConfiguration.Confirmation)
    case reset(Reset.Confirmation)
    case triggerMessage(TriggerMessage.Confirmation)
    case changeAvailability(ChangeAvailability.Confirmation)

    /// The payload, checked against its schema.
    public func payload() throws(SchemaViolation) -> JSONValue {
        switch self {
        case .bootNotification(let confirmation): try PayloadCoder.encode(confirmation)
        case .heartbeat(let confirmation): try PayloadCoder.encode(confirmation)
        case .statusNotification, .meterValues: try PayloadCoder.encode(EmptyPayload())
        case .authorize(let confirmation): try PayloadCoder.encode(confirmation)
        case .dataTransfer(let confirmation): try PayloadCoder.encode(confirmation)
        case .getConfiguration(let confirmation): try PayloadCoder.encode(confirmation)
        case .changeConfiguration(let confirmation): try PayloadCoder.encode(confirmation)
        case .reset(let confirmation): try PayloadCoder.encode(confirmation)
        case .triggerMessage(let confirmation): try PayloadCoder.encode(confirmation)
        case .changeAvailability(let confirmation): try PayloadCoder.encode(confirmation)
        }
    }

    /// Decodes a CALLRESULT payload answering a CALL of `action`; nil when the action is not modelled.
    public static func decode(action: String, payload: JSONValue) throws(SchemaViolation) -> OCPPConfirmation? {
        switch action {
        case BootNotification.name: .bootNotification(try PayloadCoder.decode(from: payload))
        case Heartbeat.name: .heartbeat(try PayloadCoder.decode(from: payload))
        case StatusNotification.name: try empty(payload, .statusNotification)
        case MeterValues.name: try empty(payload, .meterValues)
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

    /// Decodes a CALLRESULT payload answering `request`; every modelled request has a modelled confirmation.
    public static func decode(answering request: OCPPRequest, payload: JSONValue) throws(SchemaViolation) -> OCPPConfirmation {
        switch request {
        case .bootNotification: .bootNotification(try PayloadCoder.decode(from: payload))
        case .heartbeat: .heartbeat(try PayloadCoder.decode(from: payload))
        case .statusNotification: try empty(payload, .statusNotification)
        case .meterValues: try empty(payload, .meterValues)
        case .authorize: .authorize(try PayloadCoder.decode(from: payload))
        case .dataTransfer: .dataTransfer(try PayloadCoder.decode(from: payload))
        case .getConfiguration: .getConfiguration(try PayloadCoder.decode(from: payload))
        case .changeConfiguration: .changeConfiguration(try PayloadCoder.decode(from: payload))
        case .reset: .reset(try PayloadCoder.decode(from: payload))
        case .triggerMessage: .triggerMessage(try PayloadCoder.decode(from: payload))
        case .changeAvailability: .changeAvailability(try PayloadCoder.decode(from: payload))
        }
    }

    private static func empty(
        _ payload: JSONValue, _ confirmation: OCPPConfirmation
    ) throws(SchemaViolation) -> OCPPConfirmation {
        _ = try PayloadCoder.decode(EmptyPayload.self, from: payload)
        return confirmation
    }

    /// The CALLRESULT frame answering the CALL `messageID`.
    public func callResultFrame(messageID: String) throws(SchemaViolation) -> CallResultFrame {
        CallResultFrame(messageID: messageID, payload: try payload())
    }
}
