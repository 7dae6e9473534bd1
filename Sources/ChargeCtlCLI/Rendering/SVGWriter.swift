import AllocationCore

/// A minimal SVG 1.1 writer: elements with ordered attributes, escaped text, numbers with at most two decimals.
/// Deterministic by construction (no dictionaries, no dates), so the same timeline always gives the same bytes.
struct SVGWriter: Sendable {
    typealias Attributes = [(String, String)]

    private(set) var text = ""
    private var depth = 0

    static let namespace = "http://www.w3.org/2000/svg"

    init() {}

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.render(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth = max(0, depth - 1)
        line("</\(name)>")
    }

    /// An element with text content, or an empty element (`<rect …/>`) when `content` is nil.
    mutating func element(_ name: String, _ attributes: Attributes = [], content: String? = nil) {
        if let content {
            line("<\(name)\(Self.render(attributes))>\(Self.escape(content))</\(name)>")
        } else {
            line("<\(name)\(Self.render(attributes))/>")
        }
    }

    mutating func raw(_ markup: String) { line(markup) }

    private mutating func line(_ markup: String) {
        text += String(repeating: "  ", count: depth) + markup + "\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// XML text and attribute escaping. Control characters XML 1.0 forbids become spaces, so a site name typed
    /// with a stray control character still gives a document that parses.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += " "
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Coordinates and values with at most two decimals and no trailing zeros (`12`, `12.5`, `12.34`).
    static func number(_ value: Double) -> String {
        value.isFinite ? Quantity.decimal(value, places: 2) : "0"
    }
}
