/// The containers of `JSONValueDecoder`.
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value for \(key.stringValue)"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try member(key) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try JSONScalar.decode(type, try member(key), codingPath + [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try JSONScalar.decode(type, value, codingPath + [key])
    }

    // The common scalars without the generic path's casts (Codable calls these overloads first).
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONScalar.string(try member(key), codingPath + [key]) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONScalar.bool(try member(key), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONScalar.integer(type, try member(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONScalar.double(try member(key), codingPath + [key]) }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(key).map { try JSONScalar.string($0, codingPath + [key]) }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(key).map { try JSONScalar.bool($0, codingPath + [key]) }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(key).map { try JSONScalar.integer(type, $0, codingPath + [key]) }
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try present(key).map { try JSONScalar.double($0, codingPath + [key]) }
    }

    /// The member unless it is missing or null.
    private func present(_ key: Key) -> JSONValue? {
        guard let value = members[key.stringValue] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { JSONValueDecoder(value: .object(members), codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The next element and its index; the index's coding path is built only when needed.
    private mutating func next(_ type: Any.Type) throws -> (JSONValue, Int) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path(currentIndex),
                                                          debugDescription: "Unkeyed container is at end"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], currentIndex)
    }

    private func path(_ index: Int) -> [any CodingKey] { codingPath + [IndexKey(index)] }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, index) = try next(type)
        return try JSONScalar.decode(type, value, path(index))
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let (value, index) = try next(type)
        return try JSONScalar.string(value, path(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, index) = try next([String: JSONValue].self)
        return try JSONValueDecoder(value: value, codingPath: path(index)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, index) = try next([JSONValue].self)
        return try JSONValueDecoder(value: value, codingPath: path(index)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, index) = try next(JSONValue.self)
        return JSONValueDecoder(value: value, codingPath: path(index))
    }
}

struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONScalar.decode(type, value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONScalar.string(value, codingPath) }
    func decode(_ type: Bool.Type) throws -> Bool { try JSONScalar.bool(value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try JSONScalar.integer(type, value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONScalar.double(value, codingPath) }
}
