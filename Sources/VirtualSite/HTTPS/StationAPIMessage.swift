import JSONText

/// One request to a simulated station's local HTTPS API (reference/alfen-station.md §4.2), as the HTTP codec
/// delivered it: no socket, so the API's decisions are tested as values.
public struct StationAPIRequest: Sendable, Equatable {
    public var method: String
    /// The path without the query: `/api/prop`.
    public var path: String
    /// Decoded query parameters; a repeated name keeps its last value.
    public var query: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
    }

    /// Splits a request target (`/api/prop?cat=generic&offset=32`) into its path and decoded query.
    public init(method: String, uri: String, body: [UInt8] = []) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let field = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.percentDecoded(field[0])
                query[name] = field.count == 2 ? Self.percentDecoded(field[1]) : ""
            }
        }
        self.init(method: method.uppercased(), path: String(parts[0]), query: query, body: body)
    }

    /// `%2C` → `,` and `+` → space; a malformed escape is kept as written.
    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The station's answer: a status and a JSON body (empty where the station sends none).
public struct StationAPIResponse: Sendable, Equatable {
    public var status: Int
    public var body: String

    public init(status: Int, body: String = "") {
        self.status = status
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> StationAPIResponse {
        StationAPIResponse(status: status, body: value.jsonText)
    }

    /// An error answer: `{"error": "..."}`. Real stations' error bodies are not documented; the status is what
    /// clients branch on.
    static func error(_ status: Int, _ message: String) -> StationAPIResponse {
        .json(.object(["error": .string(message)]), status: status)
    }

    public static let ok = StationAPIResponse(status: 200)
}
