/// The containers of `JSONTextEncoder`. Each writes into the shared sink at its encoder's level; nested values
/// get the next level.
struct JSONTextKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONTextSink
    let level: Int
    let serial: Int
    let path: JSONTextPath?
    var codingPath: [any CodingKey] { path.codingPath }

    private func member(_ key: Key) throws {
        try sink.startMember(level: level, serial: serial, path: JSONTextPath(key, parent: path).codingPath)
        sink.key(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try member(key)
        sink.literal("null")
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try member(key)
        try sink.encode(value, level: level + 1, path: JSONTextPath(key, parent: path))
    }

    // The common scalars without the generic path's casts.
    mutating func encode(_ value: String, forKey key: Key) throws {
        try member(key)
        sink.string(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try member(key)
        value ? sink.literal("true") : sink.literal("false")
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        try member(key)
        sink.integer(value)
    }

    /// Nested containers and super encoders write their key now; these calls cannot throw, so a failure is kept
    /// for `JSONTextEncoding.encode` to throw.
    private func nested(_ key: Key) -> JSONTextEncoder {
        do { try member(key) } catch { sink.fail(error) }
        return JSONTextEncoder(sink: sink, level: level + 1, path: JSONTextPath(key, parent: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        nested(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nested(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        guard let key = Key(stringValue: "super") else {
            sink.fail(EncodingError.invalidValue("super", .init(codingPath: codingPath, debugDescription: "\(Key.self) has no key super")))
            return JSONTextEncoder(sink: sink, level: level + 1, path: path)
        }
        return nested(key)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { nested(key) }
}

struct JSONTextUnkeyedContainer: UnkeyedEncodingContainer {
    let sink: JSONTextSink
    let level: Int
    let serial: Int
    let path: JSONTextPath?
    private(set) var count = 0
    var codingPath: [any CodingKey] { path.codingPath }

    init(sink: JSONTextSink, level: Int, serial: Int, path: JSONTextPath?) {
        self.sink = sink
        self.level = level
        self.serial = serial
        self.path = path
    }

    private mutating func element() throws {
        try sink.startMember(level: level, serial: serial, path: JSONTextPath(IndexKey(count), parent: path).codingPath)
        count += 1
    }

    mutating func encodeNil() throws {
        try element()
        sink.literal("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let at = JSONTextPath(IndexKey(count), parent: path)
        try element()
        try sink.encode(value, level: level + 1, path: at)
    }

    mutating func encode(_ value: String) throws {
        try element()
        sink.string(value)
    }

    private mutating func nested() -> JSONTextEncoder {
        let at = JSONTextPath(IndexKey(count), parent: path)
        do { try element() } catch { sink.fail(error) }
        return JSONTextEncoder(sink: sink, level: level + 1, path: at)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nested().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nested().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { nested() }
}

struct JSONTextSingleContainer: SingleValueEncodingContainer {
    let sink: JSONTextSink
    let level: Int
    let path: JSONTextPath?
    var codingPath: [any CodingKey] { path.codingPath }

    mutating func encodeNil() throws { sink.literal("null") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value stands in for this one, at the same level.
        try sink.encode(value, level: level, path: path)
    }

    mutating func encode(_ value: String) throws { sink.string(value) }
}
