/// Encodes an `Encodable` straight to compact JSON text in one pass, members in the order the type encodes them.
///
/// For JSON lines between chargectl's own processes (serve's control socket), where nothing compares bytes: OCPP
/// frames use `JSONValueEncoding`, whose tree gives sorted members. Building that tree and sorting it costs serve a
/// seventh of its CPU when it answers a thousand full configurations at once (the OCPP benchmark,
/// Docs/PERFORMANCE.md). Like `JSONValueEncoding`: `nil` optionals are left out, an integral `Double` is written as
/// an integer, a non-finite number is refused.
public enum JSONTextEncoding {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONTextSink()
        try sink.encode(value, level: 0, path: nil)
        if let failure = sink.failure { throw failure }
        sink.close(deeperThan: 0)
        return sink.bytes
    }
}

/// The text under construction and its open containers. A container's writer is done once a container outside it
/// writes again (Codable never says when a container ends), so each write first closes everything nested deeper; a
/// write into a container closed that way is an error, not misplaced text.
final class JSONTextSink {
    struct Open {
        var isObject: Bool
        var hasMembers = false
        /// Tells a container from an earlier one at the same level.
        var serial: Int
    }

    var bytes: [UInt8] = []
    /// Open containers, outermost first; index = the level of the encoder that opened it.
    private var open: [Open] = []
    private var serials = 0
    /// The first error of a call that cannot throw (a nested container of a closed one).
    private(set) var failure: (any Error)?

    init() {
        bytes.reserveCapacity(256)
    }

    func fail(_ error: any Error) {
        if failure == nil { failure = error }
    }

    func close(deeperThan level: Int) {
        while open.count > level {
            bytes.append(open.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// A container for the encoder at `level`, and its serial. A container of the same kind still open at that
    /// level is that encoder's own, asked again: a sibling's would have been closed when their parent wrote.
    func openContainer(level: Int, isObject: Bool) -> Int {
        if open.count > level, open[level].isObject == isObject {
            close(deeperThan: level + 1)
            return open[level].serial
        }
        close(deeperThan: level)
        serials += 1
        open.append(Open(isObject: isObject, serial: serials))
        bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        return serials
    }

    /// Before a member of the container `serial` at `level`: closes deeper containers, then writes the comma it needs.
    func startMember(level: Int, serial: Int, path: @autoclosure () -> [any CodingKey]) throws {
        guard open.count > level, open[level].serial == serial else {
            throw EncodingError.invalidValue(serial, .init(codingPath: path(), debugDescription:
                "written after a container outside it wrote again; one-pass JSON needs containers written in order"))
        }
        close(deeperThan: level + 1)
        if open[level].hasMembers { bytes.append(UInt8(ascii: ",")) }
        open[level].hasMembers = true
    }

    func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    func string(_ text: String) {
        guard JSONValue.needsNoEscape(text) else {
            var escaped = ""
            JSONValue.writeString(text, to: &escaped)
            return bytes.append(contentsOf: escaped.utf8)
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func integer(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    /// A scalar as `JSONValue.jsonText` writes it, without making a string of it first.
    func scalar(_ value: JSONValue) {
        switch value {
        case .string(let text): string(text)
        case .bool(let flag): flag ? literal("true") : literal("false")
        case .integer(let number): integer(number)
        default: bytes.append(contentsOf: value.jsonText.utf8)
        }
    }

    /// One value at `level`: scalars (as `JSONNode` reads them) are written here, anything else through its own
    /// `encode(to:)`.
    func encode<T: Encodable>(_ value: T, level: Int, path: JSONTextPath?) throws {
        if let scalar = try JSONNode.scalar(of: value, path: path.codingPath) { return self.scalar(scalar) }
        let before = bytes.count
        try value.encode(to: JSONTextEncoder(sink: self, level: level, path: path))
        // A value that wrote nothing is an empty object, as JSONEncoder writes it.
        if bytes.count == before { literal("{}") }
    }
}

/// The coding path, linked from the innermost key outwards: built once per nested value, turned into an array only
/// when something asks (an error, or a type reading `codingPath`).
final class JSONTextPath {
    let key: any CodingKey
    let parent: JSONTextPath?

    init(_ key: any CodingKey, parent: JSONTextPath?) {
        self.key = key
        self.parent = parent
    }

    var codingPath: [any CodingKey] { Optional(self).codingPath }
}

extension JSONTextPath? {
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}

struct JSONTextEncoder: Encoder {
    let sink: JSONTextSink
    let level: Int
    let path: JSONTextPath?
    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let serial = sink.openContainer(level: level, isObject: true)
        return KeyedEncodingContainer(JSONTextKeyedContainer<Key>(sink: sink, level: level, serial: serial, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONTextUnkeyedContainer(sink: sink, level: level, serial: sink.openContainer(level: level, isObject: false), path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONTextSingleContainer(sink: sink, level: level, path: path)
    }
}
