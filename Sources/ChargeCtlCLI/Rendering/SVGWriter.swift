import AllocationCore

/// A minimal SVG 1.1 writer: elements with ordered attributes, escaped text, numbers with at most two decimals.
/// Deterministic by construction (no dictionaries, no dates), so the same timeline always gives the same bytes.
/// The document is kept as UTF-8 bytes: a day of 128 sockets is megabytes of path data, appended here as bytes
/// rather than as `String` pieces (issue 14).
struct SVGWriter: Sendable {
    typealias Attributes = [(String, String)]

    private(set) var bytes: [UInt8] = []
    private var depth = 0

    static let namespace = "http://www.w3.org/2000/svg"

    init() {}

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        startLine()
        bytes.append(UInt8(ascii: "<"))
        bytes += name.utf8
        append(attributes)
        bytes += ">\n".utf8
        depth += 1
    }

    mutating func close(_ name: String) {
        depth = max(0, depth - 1)
        startLine()
        bytes += "</".utf8
        bytes += name.utf8
        bytes += ">\n".utf8
    }

    /// An element with text content, or an empty element (`<rect …/>`) when `content` is nil.
    mutating func element(_ name: String, _ attributes: Attributes = [], content: String? = nil) {
        startLine()
        bytes.append(UInt8(ascii: "<"))
        bytes += name.utf8
        append(attributes)
        guard let content else { return bytes += "/>\n".utf8 }
        bytes.append(UInt8(ascii: ">"))
        Self.escape(content, into: &bytes)
        bytes += "</".utf8
        bytes += name.utf8
        bytes += ">\n".utf8
    }

    mutating func raw(_ markup: String) {
        startLine()
        bytes += markup.utf8
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func startLine() {
        for _ in 0..<depth { bytes += "  ".utf8 }
    }

    private mutating func append(_ attributes: Attributes) {
        for (name, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes += name.utf8
            bytes += "=\"".utf8
            Self.escape(value, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// XML text and attribute escaping. Control characters XML 1.0 forbids become spaces, so a site name typed
    /// with a stray control character still gives a document that parses.
    static func escape(_ text: String) -> String {
        var result: [UInt8] = []
        escape(text, into: &result)
        return String(decoding: result, as: UTF8.self)
    }

    static func escape(_ text: String, into bytes: inout [UInt8]) {
        // Most values (numbers, path data of megabytes, names) need nothing: checked and copied whole.
        var text = text
        let copied = text.withUTF8 { utf8 -> Bool in
            for byte in utf8 where needsEscaping[Int(byte)] { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        guard !copied else { return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": bytes += "&amp;".utf8
            case "<": bytes += "&lt;".utf8
            case ">": bytes += "&gt;".utf8
            case "\"": bytes += "&quot;".utf8
            case "'": bytes += "&apos;".utf8
            case "\t", "\n", "\r": bytes += String(scalar).utf8
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    bytes.append(UInt8(ascii: " "))
                } else {
                    bytes += String(scalar).utf8
                }
            }
        }
    }

    /// The bytes that may need a change: markup, control characters, and 0xEF (the lead byte of U+FFFE/U+FFFF).
    private static let needsEscaping: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0xEF || "&<>\"'".utf8.contains(UInt8(byte))
    }

    /// Coordinates and values with at most two decimals and no trailing zeros (`12`, `12.5`, `12.34`).
    static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `number(value)` appended as bytes (path data writes tens of thousands of them).
    static func appendNumber(_ value: Double, into bytes: inout [UInt8]) {
        guard value.isFinite else { return bytes.append(UInt8(ascii: "0")) }
        if !DecimalText.append(value, places: 2, trimmingZeros: true, into: &bytes) { bytes += "\(value)".utf8 }
    }
}
