import JSONText

/// The requests of the actions this package models: the charge point's CALLs a central system must answer
/// (SPEC §5) and the central system's CALLs used for commissioning. A closed set, so callers can switch over it;
/// names, payload coding and decoding come from `OCPPActions`.
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
        OCPPActions.entry(for: self)?.name ?? ""
    }

    /// The payload, checked against its schema.
    public func payload() throws(SchemaViolation) -> JSONValue {
        try payload(OCPPActions.entry(for: self))
    }

    private func payload(_ entry: OCPPActionEntry?) throws(SchemaViolation) -> JSONValue {
        // Every case has an entry (`RoundTripTests` checks each one), so the error is for a case left out of the
        // table, which would otherwise have no payload at all.
        guard let entry, let payload = try entry.encodeRequest(self) else { throw .invalidValue(path: "") }
        return payload
    }

    /// Decodes the payload of a CALL; nil when the action is not one this package models.
    public static func decode(action: String, payload: JSONValue) throws(SchemaViolation) -> OCPPRequest? {
        try OCPPActions.byName[action]?.decodeRequest(payload)
    }

    /// The CALL frame for this request.
    public func callFrame(messageID: String) throws(SchemaViolation) -> CallFrame {
        let entry = OCPPActions.entry(for: self)
        return CallFrame(messageID: messageID, action: entry?.name ?? "", payload: try payload(entry))
    }
}
