/// A domain name as a sequence of labels, each kept as raw bytes.
///
/// Labels are bytes, not text (RFC 1035 §3.1): DNS-SD instance names are UTF-8 and may contain dots or spaces
/// (RFC 6763 §4.3), so a label is never split on '.'. Equality and hashing fold ASCII case because names compare
/// case-insensitively (RFC 1035 §2.3.3, RFC 6762 §16); `labels` keeps the exact bytes received.
public struct DNSName: Sendable, CustomStringConvertible {
    /// RFC 1035 §2.3.4: a label is at most 63 bytes.
    public static let maxLabelLength = 63
    /// RFC 1035 §2.3.4: a name is at most 255 bytes in wire form (length bytes and the root byte included).
    public static let maxWireLength = 255

    /// The labels, leftmost first, without the empty root label.
    public let labels: [[UInt8]]

    /// The root name (no labels).
    public static let root = DNSName(validated: [])

    /// Builds a name from raw labels, rejecting the lengths RFC 1035 §2.3.4 forbids and empty labels (an empty
    /// label ends a name on the wire, so it cannot sit inside one).
    public init(labels: [[UInt8]]) throws(DNSMessageError) {
        for label in labels where label.isEmpty || label.count > Self.maxLabelLength {
            throw .invalidLabel(length: label.count)
        }
        let wire = Self.wireLength(of: labels)
        guard wire <= Self.maxWireLength else { throw .nameTooLong(offset: nil, length: wire) }
        self.labels = labels
    }

    /// Builds a name from text labels (UTF-8), e.g. `["ACE0001234", "_alfen", "_tcp", "local"]`.
    public init(labels: [String]) throws(DNSMessageError) {
        try self.init(labels: labels.map { Array($0.utf8) })
    }

    /// Parses dotted text such as `"_alfen._tcp.local"` or `"ng910-60023-1234567.local."`.
    ///
    /// A backslash escapes the next character, so `"My\.Station._alfen._tcp.local"` has the instance label
    /// `My.Station` (the presentation rule of RFC 6763 §4.3). One trailing dot is allowed; `"."` is the root.
    public init(_ text: String) throws(DNSMessageError) {
        var labels: [[UInt8]] = []
        var current: [UInt8] = []
        var escaped = false
        var endedWithDot = false
        for byte in text.utf8 {
            endedWithDot = false
            if escaped {
                current.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: ".") {
                labels.append(current)
                current = []
                endedWithDot = true
            } else {
                current.append(byte)
            }
        }
        if escaped { current.append(UInt8(ascii: "\\")) }
        if !endedWithDot { labels.append(current) }
        if labels == [[]] { labels = [] }  // "" and "." both spell the root
        try self.init(labels: labels)
    }

    /// For labels already checked (the decoder, constants spelled in this module).
    init(validated labels: [[UInt8]]) {
        self.labels = labels
    }

    /// Bytes this name takes on the wire without compression.
    public var wireLength: Int { Self.wireLength(of: labels) }

    static func wireLength(of labels: [[UInt8]]) -> Int {
        labels.reduce(1) { $0 + 1 + $1.count }
    }

    /// The first label as text (lossy UTF-8): the instance name of a DNS-SD service instance (RFC 6763 §4.1).
    public var firstLabel: String? {
        labels.first.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The name with its first label removed: the service type of an instance name, the domain of a host name.
    public var parent: DNSName {
        DNSName(validated: Array(labels.dropFirst()))
    }

    /// Prepends a label, e.g. an instance name in front of a service type (RFC 6763 §4.1).
    public func prepending(_ label: String) throws(DNSMessageError) -> DNSName {
        try DNSName(labels: [Array(label.utf8)] + labels)
    }

    /// Dotted presentation form with '.' and '\' inside labels escaped; the root is ".".
    public var description: String {
        guard !labels.isEmpty else { return "." }
        return labels.map { label in
            var text = ""
            for scalar in String(decoding: label, as: UTF8.self).unicodeScalars {
                if scalar == "." || scalar == "\\" { text.unicodeScalars.append("\\") }
                text.unicodeScalars.append(scalar)
            }
            return text
        }.joined(separator: ".")
    }
}
