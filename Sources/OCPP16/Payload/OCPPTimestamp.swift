import Foundation

/// An OCPP `dateTime`: ISO 8601 text that has been checked, with the instant it denotes.
///
/// OCPP 1.6 §3.14–3.15: receivers must accept fractional seconds and any zone offset; UTC is recommended for
/// sending. The original text is kept so a payload re-encodes byte-exactly. No clock is read here: the current time
/// is always passed in by the shell.
public struct OCPPTimestamp: Sendable, Hashable {
    /// The text exactly as received or written.
    public let text: String
    /// The instant the text denotes.
    public let date: Date

    /// Parses `2024-05-01T12:00:00Z`, `2024-05-01T14:00:00.123+02:00` and the like; nil when the text is not an
    /// ISO 8601 date-time. Text without a zone is read as UTC: some stations omit it, and OCPP recommends UTC.
    public init?(_ text: String) {
        guard let seconds = ISO8601Text.secondsSince1970(text) else { return nil }
        self.text = text
        self.date = Date(timeIntervalSince1970: seconds)
    }

    /// Formats an instant in UTC, as OCPP 1.6 §3.15 recommends: whole seconds as `…:SSZ`, otherwise with
    /// milliseconds (`…:SS.mmmZ`).
    public init(_ date: Date) {
        self.text = ISO8601Text.utcText(secondsSince1970: date.timeIntervalSince1970)
        self.date = date
    }
}

extension OCPPTimestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = OCPPTimestamp(text) else {
            throw SchemaViolation.invalidTimestamp(path: PayloadCoder.path(decoder.codingPath))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension OCPPTimestamp: CustomStringConvertible {
    public var description: String { text }
}
