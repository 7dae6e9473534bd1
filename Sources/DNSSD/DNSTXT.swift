/// The rdata of a TXT record: character-strings kept byte for byte, read as DNS-SD key/value attributes.
///
/// RFC 6763 §6: each string is `key=value` or a bare `key` (a boolean attribute that is present); values are
/// opaque bytes. The strings are stored exactly as received, so re-encoding reproduces the rdata and a
/// non-UTF-8 value is not lost; the key/value views are computed from them.
public struct DNSTXT: Hashable, Sendable {
    /// One value of an attribute (RFC 6763 §6.4).
    public enum Value: Hashable, Sendable {
        /// A bare `key` with no '=': the attribute is present and true.
        case present
        /// `key=value`; `key=` gives an empty value, which is not the same as `.present`.
        case bytes([UInt8])

        /// The value as text (lossy UTF-8); the empty string for `.present`.
        public var string: String {
            switch self {
            case .present: ""
            case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// The character-strings in wire order, each without its length byte.
    public var strings: [[UInt8]]

    public init(strings: [[UInt8]]) { self.strings = strings }

    /// Attributes in the given order; a nil value makes a bare boolean key.
    public init(attributes: [(key: String, value: String?)]) {
        strings = attributes.map { pair in
            Array(pair.key.utf8) + (pair.value.map { [UInt8(ascii: "=")] + Array($0.utf8) } ?? [])
        }
    }

    /// Attributes from a dictionary, sorted by key so the encoded bytes are deterministic.
    public init(_ dictionary: [String: String]) {
        self.init(attributes: dictionary.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    /// Parsed attributes in wire order. Strings that are empty or start with '=' are skipped, and only the first
    /// occurrence of a key counts, compared case-insensitively (RFC 6763 §6.4).
    public var attributes: [(key: String, value: Value)] {
        var seen: Set<String> = []
        var result: [(key: String, value: Value)] = []
        for string in strings {
            let separator = string.firstIndex(of: UInt8(ascii: "="))
            guard !string.isEmpty, separator != string.startIndex else { continue }
            let key = String(decoding: string[..<(separator ?? string.endIndex)], as: UTF8.self)
            guard seen.insert(key.lowercased()).inserted else { continue }
            let value = separator.map { Value.bytes(Array(string[($0 + 1)...])) } ?? .present
            result.append((key: key, value: value))
        }
        return result
    }

    /// The value of `key` (case-insensitive), nil when the key is absent.
    public subscript(key: String) -> Value? {
        let wanted = key.lowercased()
        return attributes.first { $0.key.lowercased() == wanted }?.value
    }

    /// Attributes as text keyed by lower-cased key; a boolean key maps to "". What `discover` shows.
    public var dictionary: [String: String] {
        Dictionary(attributes.map { ($0.key.lowercased(), $0.value.string) }, uniquingKeysWith: { first, _ in first })
    }
}
