/// Decodes a `Decodable` straight from a `JSONValue`: printing the value and parsing it again with `JSONDecoder`
/// would double the cost of every payload. Errors are the standard `DecodingError`s with Foundation's coding paths,
/// so callers (OCPP16's `PayloadCoder`) can map them to field paths.
public struct JSONValueDecoder: Decoder {
    let value: JSONValue
    public let codingPath: [any CodingKey]
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    public init(value: JSONValue, codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: JSONValue].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    public func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([JSONValue].self, value, codingPath) }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    public func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    if case .null = value {
        return .valueNotFound(type, .init(codingPath: path, debugDescription: "Found null where \(type) was expected"))
    }
    return .typeMismatch(type, .init(codingPath: path, debugDescription: "Found \(value.kind) where \(type) was expected"))
}

/// A key for array positions, so paths read `meterValue[0]`.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The scalar readings shared by the three containers. Paths are autoclosures: they are built only for an error or
/// a nested decoder, not for every scalar read.
enum JSONScalar {
    static func string(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw mismatch(String.self, value, path()) }
        return text
    }

    static func bool(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(Bool.self, value, path()) }
        return flag
    }

    static func double(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch value {
        case .integer(let number): Double(number)
        case .double(let number): number
        default: throw mismatch(Double.self, value, path())
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        let scalar: Any
        switch type {
        case is String.Type: scalar = try string(value, path())
        case is Bool.Type: scalar = try bool(value, path())
        case is Int.Type: scalar = try integer(Int.self, value, path())
        case is Double.Type: scalar = try double(value, path())
        case is Float.Type: scalar = Float(try double(value, path()))
        case let integerType as any FixedWidthInteger.Type:
            // Every other integer width: their own `init(from:)` would ask this container again, endlessly.
            scalar = try integer(integerType, value, path())
        default:
            return try T(from: JSONValueDecoder(value: value, codingPath: path()))
        }
        guard let typed = scalar as? T else { throw mismatch(type, value, path()) }
        return typed
    }

    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> I {
        switch value {
        case .integer(let number):
            guard let fitted = I(exactly: number) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "\(number) does not fit \(I.self)"))
            }
            return fitted
        case .double(let number):
            guard let fitted = I(exactly: number) else { throw mismatch(type, value, path()) }
            return fitted
        default:
            throw mismatch(type, value, path())
        }
    }
}

/// Public entry points for other JSON-lines protocols (serve's control socket) that want the same fast path.
public enum JSONValueDecoding {
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONScalar.decode(type, value, [])
    }

    /// Parses UTF-8 JSON text; nil when it is not one JSON value.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        JSONScanner.parse(bytes: bytes)
    }
}
