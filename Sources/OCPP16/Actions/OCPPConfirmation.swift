import JSONText

/// The confirmations of the modelled actions, as a session delivers them when a CALLRESULT completes a CALL.
///
/// A CALLRESULT does not name its action (OCPP-J 1.6 specification §4.2.2), so decoding needs the action of the
/// CALL it answers. Payload coding and decoding come from `OCPPActions`.
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
        for entry in OCPPActions.table {
            if let payload = try entry.encodeConfirmation(self) { return payload }
        }
        // Every case has an entry (`RoundTripTests` checks each one); this is for a case left out of the table.
        throw .invalidValue(path: "")
    }

    /// Decodes a CALLRESULT payload answering a CALL of `action`; nil when the action is not modelled.
    public static func decode(action: String, payload: JSONValue) throws(SchemaViolation) -> OCPPConfirmation? {
        try OCPPActions.byName[action]?.decodeConfirmation(payload)
    }

    /// Decodes a CALLRESULT payload answering `request`; every modelled request has a modelled confirmation.
    public static func decode(answering request: OCPPRequest, payload: JSONValue) throws(SchemaViolation) -> OCPPConfirmation {
        guard let entry = OCPPActions.entry(for: request) else { throw .invalidValue(path: "") }
        return try entry.decodeConfirmation(payload)
    }

    /// The CALLRESULT frame answering the CALL `messageID`.
    public func callResultFrame(messageID: String) throws(SchemaViolation) -> CallResultFrame {
        CallResultFrame(messageID: messageID, payload: try payload())
    }
}
