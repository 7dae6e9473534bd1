extension ConfigNode {
    /// The node as block-style YAML that reads back to the same node: how the wizard writes a site file. Mapping
    /// keys keep their order; a scalar is written plain only where YAML reads it back as the same text.
    public var yaml: String {
        var lines: [String] = []
        Self.emit(self, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func emit(_ node: ConfigNode, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch node.value {
        case let .mapping(entries):
            for entry in entries {
                emitValue(entry.value, prefix: "\(pad)\(key(entry.key)):", indent: indent, into: &lines)
            }
        case let .sequence(items):
            for item in items {
                // A mapping item starts on the dash's line and continues two spaces in.
                var itemLines: [String] = []
                if case .mapping = item.value {
                    emit(item, indent: indent + 2, into: &itemLines)
                    if let first = itemLines.first {
                        itemLines[0] = pad + "- " + first.dropFirst(indent + 2)
                    } else {
                        itemLines = [pad + "- {}"]
                    }
                    lines += itemLines
                } else {
                    emitValue(item, prefix: "\(pad)-", indent: indent + 2, into: &lines)
                }
            }
        case .scalar, .null:
            lines.append(pad + scalar(node.value))
        }
    }

    private static func emitValue(_ value: ConfigNode, prefix: String, indent: Int, into lines: inout [String]) {
        switch value.value {
        case let .mapping(entries) where !entries.isEmpty:
            lines.append(prefix)
            emit(value, indent: indent + 2, into: &lines)
        case let .sequence(items) where !items.isEmpty:
            lines.append(prefix)
            emit(value, indent: indent + 2, into: &lines)
        case .mapping:
            lines.append(prefix + " {}")
        case .sequence:
            lines.append(prefix + " []")
        case .scalar, .null:
            lines.append(prefix + " " + scalar(value.value))
        }
    }

    private static func key(_ text: String) -> String { isPlain(text) ? text : quoted(text) }

    private static func scalar(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case let .scalar(text, isQuoted): isQuoted || !isPlain(text) ? quoted(text) : text
        default: ""
        }
    }

    /// Text YAML reads back unchanged when written without quotes: no indicator first, no `: ` or ` #`, no edge
    /// spaces, nothing YAML would read as null.
    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.first, !text.hasSuffix(" "), !text.hasPrefix(" ") else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if ["~", "null", "Null", "NULL"].contains(text) { return false }
        return text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
