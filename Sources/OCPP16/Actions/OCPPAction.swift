import JSONText

/// Ties an OCPP 1.6J action name to its request and confirmation types (OCPP 1.6 §6: every message is a pair
/// `<Action>.req` / `<Action>.conf`). Each conforming action is listed once in `OCPPActions.table`.
///
/// Each action is a caseless enum namespacing its `Request` and `Confirmation`, so call sites read
/// `GetConfiguration.Request` and generic code can be written once: `session.send(GetConfiguration.self, request)`.
public protocol OCPPAction: Sendable {
    associatedtype Request: OCPPPayload
    associatedtype Confirmation: OCPPPayload

    /// The case-sensitive Action of the CALL frame (OCPP-J 1.6 specification §4.2.1).
    static var name: String { get }

    /// Wraps a request into the closed set the session handles.
    static func wrap(_ request: Request) -> OCPPRequest

    /// The request, when `request` belongs to this action.
    static func unwrap(_ request: OCPPRequest) -> Request?

    /// Wraps a confirmation into the closed set the session handles.
    static func wrap(_ confirmation: Confirmation) -> OCPPConfirmation

    /// The confirmation, when `confirmation` belongs to this action.
    static func unwrap(_ confirmation: OCPPConfirmation) -> Confirmation?
}

extension OCPPAction {
    /// Decodes this action's request payload, enforcing its schema.
    public static func decodeRequest(_ payload: JSONValue) throws(SchemaViolation) -> Request {
        try PayloadCoder.decode(Request.self, from: payload)
    }

    /// Decodes this action's confirmation payload, enforcing its schema.
    public static func decodeConfirmation(_ payload: JSONValue) throws(SchemaViolation) -> Confirmation {
        try PayloadCoder.decode(Confirmation.self, from: payload)
    }
}

/// An empty payload: Heartbeat.req, StatusNotification.conf and MeterValues.conf are `{}` (OCPP-J 1.6 §4.2.1:
/// empty payloads are objects, never `null`).
public struct EmptyPayload: OCPPPayload {
    public init() {}
}
