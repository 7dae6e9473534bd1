import Foundation

/// The station's local HTTPS API as values (reference/alfen-station.md §4.2): requests to build and replies to
/// read, with no socket in sight, so every quirk (paging, the flat `{"id": value}` map some firmware answer) is
/// tested byte by byte.
public enum StationAPI {
    /// One property as a listing shows it. `value` is the text a `StationConfiguration` holds: numbers without a
    /// trailing `.0`, strings as they are.
    public struct Property: Sendable, Equatable {
        public var id: String
        public var value: String
        /// CANopen type code (9 = VISIBLE_STRING): a string property is written quoted.
        public var type: Int?
        /// 1 = read only.
        public var access: Int?
        public var category: String?

        public init(id: String, value: String, type: Int? = nil, access: Int? = nil, category: String? = nil) {
            self.id = id
            self.value = value
            self.type = type
            self.access = access
            self.category = category
        }

        public var isString: Bool { type == 9 }
        public var isWritable: Bool { access != 1 }
    }

    /// One page of `GET /api/prop?cat=…&offset=…`.
    public struct Page: Sendable, Equatable {
        public var properties: [Property]
        public var offset: Int
        public var total: Int
    }

    /// `GET /api/info`: what a station says without a login.
    public struct Info: Sendable, Equatable {
        public var identity: String?
        public var firmware: String?
        public var model: String?
        public var objectID: String?
        public var type: String?
    }

    public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
        case notJSON(String)
        case shape(String)
        public var description: String {
            switch self {
            case .notJSON(let what): "\(what) is not JSON"
            case .shape(let what): what
            }
        }
    }

    /// The categories a client walks when the station has no `/api/categories` (reference §4.2).
    public static let knownCategories = ["generic", "generic2", "accelero", "temp", "states", "meter1", "meter2", "meter4",
                                         "leds", "ocpp", "display", "comm", "MbusTCP"]

    /// Readable only by id (reference §4.3): the licence and the SCN block, asked for after the categories.
    public static let idOnly = ["21A0_0", "21A1_0", "21A2_0"] + ["1", "2", "3", "4", "5", "6", "7", "9", "A"].map { "2180_\($0)" }

    // MARK: requests

    public static func propertyPath(category: String, offset: Int) -> String {
        "/api/prop?cat=\(escaped(category))&offset=\(offset)"
    }

    public static func propertyPath(ids: [String]) -> String {
        "/api/prop?ids=" + ids.map(escaped).joined(separator: ",")
    }

    public static func loginBody(user: String, password: String, displayName: String = "chargectl") -> [UInt8] {
        json(["username": user, "password": password, "displayname": displayName])
    }

    public static let rebootBody: [UInt8] = json(["command": "reboot"])

    /// `{"<id>": {"id": "<id>", "value": v}}`: strings quoted, numbers raw (reference §4.2). `string`: the ids the
    /// station types as strings; other values that read as numbers go raw.
    public static func writeBody(_ writes: [(id: String, value: String)], strings: Set<String>) -> [UInt8] {
        var object: [String: Any] = [:]
        for write in writes {
            let value: Any = strings.contains(write.id) ? write.value : number(write.value) ?? write.value
            object[write.id] = ["id": write.id, "value": value]
        }
        return json(object)
    }

    static func number(_ text: String) -> Any? {
        if let int = Int(text) { return int }
        if let double = Double(text), double.isFinite, text.contains(".") { return double }
        return nil
    }

    // MARK: replies

    public static func info(_ body: [UInt8]) throws(DecodeError) -> Info {
        let object = try dictionary(body, "the /api/info reply")
        return Info(identity: text(object["Identity"]), firmware: text(object["FWVersion"]), model: text(object["Model"]),
                    objectID: text(object["ObjectId"]), type: text(object["Type"]))
    }

    public static func page(_ body: [UInt8]) throws(DecodeError) -> Page {
        let object = try dictionary(body, "the /api/prop reply")
        guard let list = object["properties"] as? [Any] else { throw .shape("the /api/prop reply has no properties list") }
        let properties = try list.map { item throws(DecodeError) in try property(item) }
        let offset = int(object["offset"]) ?? 0
        let total = int(object["total"]) ?? (offset + properties.count)
        return Page(properties: properties, offset: offset, total: total)
    }

    /// `?ids=` replies: the paged shape, or a flat `{"<id>": value}` map (some firmware; reference §4.2).
    public static func properties(_ body: [UInt8]) throws(DecodeError) -> [Property] {
        let object = try dictionary(body, "the /api/prop?ids= reply")
        if object["properties"] != nil { return try page(body).properties }
        return object.compactMap { id, value -> Property? in
            if let wrapped = value as? [String: Any] { return try? property(wrapped.merging(["id": id]) { old, _ in old }) }
            return text(value).map { Property(id: id, value: $0) }
        }.sorted { $0.id < $1.id }
    }

    /// `GET /api/categories`: a list of names, bare or under `categories`; nil when it is neither.
    public static func categories(_ body: [UInt8]) -> [String]? {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body)) else { return nil }
        if let names = parsed as? [String] { return names }
        return (parsed as? [String: Any])?["categories"] as? [String]
    }

    /// What `-v` may show of a body: one holding the licence key (`21A1_0`) is not shown (SPEC §6).
    public static func traceable(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(2000), as: UTF8.self)
        return text.contains("21A1_0") || text.contains("password") ? "(\(body.count) bytes holding a secret, not shown)" : text
    }

    /// 429's `{"lockout_remaining_seconds": n}`.
    public static func lockoutSeconds(_ body: [UInt8]) -> Int? {
        guard let object = try? dictionary(body, "") else { return nil }
        return int(object["lockout_remaining_seconds"])
    }

    static func property(_ item: Any) throws(DecodeError) -> Property {
        guard let object = item as? [String: Any], let id = object["id"] as? String else {
            throw .shape("a property without an id")
        }
        return Property(id: id, value: text(object["value"]) ?? "", type: int(object["type"]), access: int(object["access"]), category: object["cat"] as? String)
    }

    /// A JSON scalar as the configuration's text: `32`, `32.5`, `L1L2L3`, booleans as 1/0 (an NSNumber either way).
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let int as Int: return String(int)
        case let number as NSNumber:
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
            return String(double)
        default: return nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        if let int = value as? Int { return int }
        return (value as? NSNumber)?.intValue
    }

    static func dictionary(_ body: [UInt8], _ what: String) throws(DecodeError) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body)) else { throw .notJSON(what) }
        guard let object = parsed as? [String: Any] else { throw .shape("\(what) is not a JSON object") }
        return object
    }

    static func json(_ object: [String: Any]) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return [] }
        return Array(data)
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=,+"))) ?? text
    }
}
