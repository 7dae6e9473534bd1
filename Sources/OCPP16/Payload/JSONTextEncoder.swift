/// Encodes an `Encodable` straight to compact JSON text in one pass, members in the order the type encodes them.
///
/// For JSON lines between chargectl's own processes (serve's control socket), where nothing compares bytes: OCPP
/// frames keep `JSONValueEncoding`, whose tree gives sorted members. Building that tree and sorting it cost serve a
/// seventh of its CPU in issue 6's benchmark, answering a thousand full configurations at once. Like
/// `JSONValueEncoding`: `nil` optionals are left out, an integral `Double` is written as an integer, a non-finite
/// number is refused.
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

    /// A container for the encoder at `level`: its own if it opened one already, else a new one. Returns its serial.
    func openContainer(level: Int, isObject: Bool, reusing serial: Int?) -> Int {
        if let serial, open.count > level, open[level].serial == serial {
            close(deeperThan: level + 1)
            return serial
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
        bytes.append(UInt8(ascii: "\""))
        var text = text
        let plain = text.withUTF8 { utf8 in
            !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        }
        if plain {
            text.withUTF8 { bytes.append(contentsOf: $0) }
        } else {
            var escaped = ""
            JSONValue.writeString(text, to: &escaped)
            bytes.append(contentsOf: escaped.utf8.dropFirst().dropLast())
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func integer<I: BinaryInteger>(_ number: I) {
        bytes.append(contentsOf: String(number).utf8)
    }

    func double(_ number: Double, path: @autoclosure () -> [any CodingKey]) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: path(), debugDescription: "not a finite number"))
        }
        if let exact = Int(exactly: number), exact != .min { return integer(exact) }
        bytes.append(contentsOf: "\(number)".utf8)
    }

    /// One value at `level`: scalars are written here, anything else through its own `encode(to:)`.
    func encode<T: Encodable>(_ value: T, level: Int, path: JSONTextPath?) throws {
        switch value {
        case let text as String: string(text)
        case let flag as Bool: flag ? literal("true") : literal("false")
        case let number as Int: integer(number)
        case let number as Double: try double(number, path: path.codingPath)
        case let number as Float: try double(Double(number), path: path.codingPath)
        case let number as any FixedWidthInteger:
            // Other integer widths would come back here through their own `encode(to:)`, endlessly.
            integer(number)
        default:
            let before = bytes.count
            try value.encode(to: JSONTextEncoder(sink: self, level: level, path: path))
            // A value that wrote nothing is an empty object, as JSONEncoder writes it.
            if bytes.count == before { literal("{}") }
        }
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
    /// The container this encoder handed out, if any: asked again, it hands out the same one.
    private let opened = OpenedSerial()
    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(sink: JSONTextSink, level: Int, path: JSONTextPath?) {
        self.sink = sink
        self.level = level
        self.path = path
    }

    final class OpenedSerial {
        var serial: Int?
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        opened.serial = sink.openContainer(level: level, isObject: true, reusing: opened.serial)
        return KeyedEncodingContainer(JSONTextKeyedContainer<Key>(sink: sink, level: level, serial: opened.serial ?? 0, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        opened.serial = sink.openContainer(level: level, isObject: false, reusing: opened.serial)
        return JSONTextUnkeyedContainer(sink: sink, level: level, serial: opened.serial ?? 0, path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONTextSingleContainer(sink: sink, level: level, path: path)
    }
}
