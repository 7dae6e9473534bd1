import JSONText

/// The registry of the modelled actions: each action's file declares its types, this table lists it once, and the
/// session decodes and encodes every payload through it.
///
/// Adding an action: its file (a caseless enum conforming to `OCPPAction`), its cases in `OCPPRequest` and
/// `OCPPConfirmation` (the closed sets callers switch over), and one line in `table`. Nothing else names actions.
public enum OCPPActions {
    /// One entry per action. The frequent CALLs of a charge point come first: encoding finds an entry by trying
    /// them in order.
    static let table: [OCPPActionEntry] = [
        OCPPActionEntry(BootNotification.self),
        OCPPActionEntry(Heartbeat.self),
        OCPPActionEntry(StatusNotification.self),
        OCPPActionEntry(MeterValues.self),
        OCPPActionEntry(Authorize.self),
        OCPPActionEntry(DataTransfer.self),
        OCPPActionEntry(GetConfiguration.self),
        OCPPActionEntry(ChangeConfiguration.self),
        OCPPActionEntry(Reset.self),
        OCPPActionEntry(TriggerMessage.self),
        OCPPActionEntry(ChangeAvailability.self),
    ]

    /// Every modelled action type, in table order.
    public static let all: [any OCPPAction.Type] = table.map(\.type)

    /// The entries by their case-sensitive Action name (OCPP-J 1.6 specification §4.2.1).
    static let byName: [String: OCPPActionEntry] = Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0) })

    /// The entry whose action `request` belongs to.
    static func entry(for request: OCPPRequest) -> OCPPActionEntry? {
        table.first { $0.owns(request) }
    }
}

/// One action's payload coders, specialised for its types when the table is built, so decoding and encoding a
/// frame run concrete code behind one closure call rather than generic code over existentials.
struct OCPPActionEntry: Sendable {
    let type: any OCPPAction.Type
    let name: String
    let decodeRequest: @Sendable (JSONValue) throws(SchemaViolation) -> OCPPRequest
    let decodeConfirmation: @Sendable (JSONValue) throws(SchemaViolation) -> OCPPConfirmation
    /// The payload of a request of this action; nil for another action's request.
    let encodeRequest: @Sendable (OCPPRequest) throws(SchemaViolation) -> JSONValue?
    /// The payload of a confirmation of this action; nil for another action's confirmation.
    let encodeConfirmation: @Sendable (OCPPConfirmation) throws(SchemaViolation) -> JSONValue?
    /// True when `request` is of this action.
    let owns: @Sendable (OCPPRequest) -> Bool

    init<A: OCPPAction>(_ action: A.Type) {
        type = action
        name = A.name
        decodeRequest = { payload throws(SchemaViolation) in A.wrap(try PayloadCoder.decode(A.Request.self, from: payload)) }
        decodeConfirmation = { payload throws(SchemaViolation) in
            A.wrap(try PayloadCoder.decode(A.Confirmation.self, from: payload))
        }
        encodeRequest = { request throws(SchemaViolation) in
            guard let typed = A.unwrap(request) else { return nil }
            return try PayloadCoder.encode(typed)
        }
        encodeConfirmation = { confirmation throws(SchemaViolation) in
            guard let typed = A.unwrap(confirmation) else { return nil }
            return try PayloadCoder.encode(typed)
        }
        owns = { A.unwrap($0) != nil }
    }
}
