/// Parses JSON text (RFC 8259) straight into a `JSONValue`, one pass over the UTF-8 bytes.
///
/// Not `JSONDecoder` + `JSONValue: Decodable`, which tries each JSON type in turn with thrown errors and would cost
/// most of a central system's CPU. It reads values as that decoder does (`JSONScannerTests` compares the two): a
/// number is an `.integer` when it is integral and fits `Int` (`1.0` and `1e2` too), else a `.double`; a non-finite
/// number, a lone surrogate escape, a raw control character or trailing text is not JSON; like Foundation it takes
/// a byte order mark and one trailing comma. Never traps: nesting deeper than `maximumDepth` is refused, not
/// recursed.
public struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    private let maximumDepth: Int

    private init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// The value, or nil when the text is not exactly one JSON value.
    public static func parse(_ text: String, maximumDepth: Int = 512) -> JSONValue? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, maximumDepth: maximumDepth) }
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 512) -> JSONValue? {
        var scanner = JSONScanner(bytes, maximumDepth: maximumDepth)
        // Foundation skips a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { scanner.index = 3 }
        scanner.skipWhitespace()
        guard let value = scanner.value(depth: 0) else { return nil }
        scanner.skipWhitespace()
        return scanner.index == bytes.count ? value : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "["): return depth < maximumDepth ? array(depth: depth + 1) : nil
        case UInt8(ascii: "{"): return depth < maximumDepth ? object(depth: depth + 1) : nil
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return nil
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func array(depth: Int) -> JSONValue? {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            guard let element = value(depth: depth) else { return nil }
            elements.append(element)
            guard let closed = separator(closing: UInt8(ascii: "]")) else { return nil }
            if closed { return .array(elements) }
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            guard let member = value(depth: depth) else { return nil }
            // A repeated key keeps its first value, as Foundation's decoder does.
            if members[key] == nil { members[key] = member }
            guard let closed = separator(closing: UInt8(ascii: "}")) else { return nil }
            if closed { return .object(members) }
        }
    }

    /// After an array element or object member: `,` (Foundation accepts one trailing comma before the close) or the
    /// closing byte. True when the container closed, false when another element follows, nil on anything else.
    private mutating func separator(closing: UInt8) -> Bool? {
        skipWhitespace()
        if consume(UInt8(ascii: ",")) {
            skipWhitespace()
            return consume(closing)
        }
        return consume(closing) ? true : nil
    }

    /// Steps over `byte` when it comes next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
