/// A request or confirmation body of one OCPP 1.6J action.
///
/// Types, optionals and enum strings are carried by `Codable`; the limits JSON schemas put on top (string
/// `maxLength`, minimum connector ids, `minItems`) are checked by `validate()`, which `PayloadCoder` runs after
/// every decode and before every encode. Encode and decode payloads through `PayloadCoder` (the frame and session
/// APIs all do): a bare `JSONEncoder` skips the limits.
public protocol OCPPPayload: Codable, Sendable, Hashable {
    func validate() throws(SchemaViolation)
}

extension OCPPPayload {
    public func validate() throws(SchemaViolation) {}
}

/// The schema checks shared by the payload types' `validate()`.
enum SchemaCheck {
    /// JSON Schema counts `maxLength` in characters (code points), not bytes.
    static func length(_ value: String?, max maximum: Int, _ path: String) throws(SchemaViolation) {
        guard let value else { return }
        let length = value.unicodeScalars.count
        if length > maximum { throw .stringTooLong(path: path, maximum: maximum, length: length) }
    }

    static func minimum(_ value: Int?, _ minimum: Int, _ path: String) throws(SchemaViolation) {
        guard let value else { return }
        if value < minimum { throw .belowMinimum(path: path, minimum: minimum, value: value) }
    }

    static func items<T>(_ items: [T], atLeast minimum: Int, _ path: String) throws(SchemaViolation) {
        if items.count < minimum { throw .tooFewItems(path: path, minimum: minimum, count: items.count) }
    }
}
