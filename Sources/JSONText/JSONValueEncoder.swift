/// Encodes an `Encodable` straight into a `JSONValue`, so a frame's payload needs no JSON text round trip. It
/// reads values as `JSONEncoder` followed by `JSONScanner` would: `nil` optionals left out, an integral `Double` as
/// an integer, a non-finite number refused.
public enum JSONValueEncoding {
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONNode.encode(value, path: []).value
    }
}

/// A value under construction: containers stay mutable until the whole tree is written.
final class JSONNode {
    enum Content {
        case value(JSONValue)
        case object([String: JSONNode])
        case array([JSONNode])
    }

    var content: Content

    init(_ content: Content) {
        self.content = content
    }

    var value: JSONValue {
        switch content {
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.value))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    static func encode<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey]) throws -> JSONNode {
        if let scalar = try scalar(of: value, path: path()) { return JSONNode(.value(scalar)) }
        let encoder = NodeEncoder(codingPath: path())
        try value.encode(to: encoder)
        return encoder.node
    }

    /// The JSON scalar `value` stands for, or nil when it encodes itself through containers. `JSONTextSink` asks
    /// the same, so both encoders write numbers alike.
    static func scalar<T: Encodable>(of value: T, path: @autoclosure () -> [any CodingKey]) throws -> JSONValue? {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .integer(number)
        case let number as Double: return try scalar(number, path())
        case let number as Float: return try scalar(Double(number), path())
        case let number as any FixedWidthInteger:
            // Other integer widths would come back here through their own `encode(to:)`, endlessly.
            if let fitted = Int(exactly: number) { return .integer(fitted) }
            return .double(Double(number))
        default:
            return nil
        }
    }

    static func scalar(_ number: Double, _ path: @autoclosure () -> [any CodingKey]) throws -> JSONValue {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: path(), debugDescription: "not a finite number"))
        }
        if let exact = Int(exactly: number), exact != .min { return .integer(exact) }
        return .double(number)
    }
}

struct NodeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let node = JSONNode(.value(.null))
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([:]) }
        return KeyedEncodingContainer(NodeKeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return NodeUnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { NodeSingleContainer(node: node, codingPath: codingPath) }
}

struct NodeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    private func set(_ child: JSONNode, _ key: Key) {
        guard case .object(var members) = node.content else { return }
        node.content = .value(.null)  // drops the reference so the dictionary is mutated in place
        members[key.stringValue] = child
        node.content = .object(members)
    }

    mutating func encodeNil(forKey key: Key) throws { set(JSONNode(.value(.null)), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try JSONNode.encode(value, path: codingPath + [key]), key)
    }

    // The common scalars without the generic path's casts.
    mutating func encode(_ value: String, forKey key: Key) throws { set(JSONNode(.value(.string(value))), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(JSONNode(.value(.bool(value))), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(JSONNode(.value(.integer(value))), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONNode(.object([:]))
        set(child, key)
        return KeyedEncodingContainer(NodeKeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONNode(.array([]))
        set(child, key)
        return NodeUnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    // Under the key "super", as JSONEncoder writes it; the encoder's node is attached before anything is written.
    mutating func superEncoder() -> any Encoder {
        guard let key = Key(stringValue: "super") else { return NodeEncoder(codingPath: codingPath) }
        return superEncoder(forKey: key)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = NodeEncoder(codingPath: codingPath + [key])
        set(encoder.node, key)
        return encoder
    }
}

struct NodeUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let elements) = node.content { return elements.count }
        return 0
    }

    private func append(_ child: JSONNode) {
        guard case .array(var elements) = node.content else { return }
        node.content = .value(.null)
        elements.append(child)
        node.content = .array(elements)
    }

    mutating func encodeNil() throws { append(JSONNode(.value(.null))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try JSONNode.encode(value, path: codingPath + [IndexKey(count)]))
    }

    mutating func encode(_ value: String) throws { append(JSONNode(.value(.string(value)))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONNode(.object([:]))
        let path = codingPath + [IndexKey(count)]
        append(child)
        return KeyedEncodingContainer(NodeKeyedContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONNode(.array([]))
        let path = codingPath + [IndexKey(count)]
        append(child)
        return NodeUnkeyedContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = NodeEncoder(codingPath: codingPath + [IndexKey(count)])
        append(encoder.node)
        return encoder
    }
}

struct NodeSingleContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = try JSONNode.encode(value, path: codingPath).content
    }
}
