import SharedText

/// Reads typed values out of a `ConfigNode`, turning every mismatch into a `ConfigError` that names the file, line
/// and field path, what was expected and what was found.
public struct FieldReader: Sendable {
    public let node: ConfigNode
    public let path: FieldPath
    public let file: String?

    public init(_ node: ConfigNode, path: FieldPath = .root, file: String?) {
        self.node = node
        self.path = path
        self.file = file
    }

    public var line: Int { node.line }

    public func error(_ code: String, _ message: String, hint: String = "") -> ConfigError {
        ConfigError(code: code, file: file, line: node.line, path: path, message: message, hint: hint)
    }

    func typeError(expected: String, hint: String = "") -> ConfigError {
        error("file.type", "expected \(expected), found \(node.shortDescription)", hint: hint)
    }

    // MARK: Structure

    /// The entries of a mapping, after refusing keys not in `known` (with a did-you-mean).
    public func mapping(known: [String]) throws -> [String: FieldReader] {
        guard case let .mapping(entries) = node.value else { throw typeError(expected: "a mapping of \(known.joined(separator: ", "))") }
        var fields: [String: FieldReader] = [:]
        for entry in entries {
            let childPath = path + entry.key
            guard known.contains(entry.key) else {
                let suggestion = DidYouMean.suggestion(for: entry.key, among: known)
                throw ConfigError(
                    code: "file.unknown-key", file: file, line: entry.keyLine, path: childPath,
                    message: "unknown key \"\(entry.key)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""),
                    hint: "known keys here: \(known.joined(separator: ", "))")
            }
            guard fields[entry.key] == nil else {
                throw ConfigError(code: "file.duplicate-key", file: file, line: entry.keyLine, path: childPath,
                                  message: "\"\(entry.key)\" is given twice", hint: "keep one of them")
            }
            fields[entry.key] = FieldReader(entry.value, path: childPath, file: file)
        }
        return fields
    }

    public func sequence() throws -> [FieldReader] {
        guard case let .sequence(items) = node.value else { throw typeError(expected: "a list") }
        return items.enumerated().map { FieldReader($1, path: path + $0, file: file) }
    }

    public var isNull: Bool { node.value == .null }

    // MARK: Scalars

    public func string() throws -> String {
        guard case let .scalar(text, _) = node.value else { throw typeError(expected: "text") }
        return text
    }

    public func number(_ expected: String = "a number") throws -> Double {
        guard case let .scalar(text, quoted) = node.value, !quoted, let value = Double(text), value.isFinite else {
            throw typeError(expected: expected)
        }
        return value
    }

    public func amperes() throws -> Double { try number("amperes") }

    public func integer(_ expected: String = "a whole number") throws -> Int {
        guard case let .scalar(text, quoted) = node.value, !quoted, let value = Int(text) else {
            throw typeError(expected: expected)
        }
        return value
    }

    public func bool() throws -> Bool {
        guard case let .scalar(text, quoted) = node.value, !quoted else { throw typeError(expected: "true or false") }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw typeError(expected: "true or false")
        }
    }

    /// Seconds, or a duration such as `90s`, `15m`, `2h`, `1h30m` (SPEC §2).
    public func seconds() throws -> Double {
        guard case let .scalar(text, _) = node.value, let value = Duration.parse(text) else {
            throw typeError(expected: "a duration (seconds, or like 90s, 15m, 2h)")
        }
        return value
    }

    /// One of `choices`, compared case-insensitively, returned in its canonical spelling.
    public func choice(_ choices: [String]) throws -> String {
        let text = try string()
        guard let match = choices.first(where: { $0.lowercased() == text.lowercased() }) else {
            let suggestion = DidYouMean.suggestion(for: text, among: choices)
            throw error("file.value", "\"\(text)\" is not one of \(choices.joined(separator: ", "))"
                        + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""))
        }
        return match
    }
}

/// Durations in scenario files.
public enum Duration {
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        if let plain = Double(trimmed), plain.isFinite { return plain }
        var total = 0.0
        var digits = ""
        var sawUnit = false
        for character in trimmed {
            if character.isNumber || character == "." {
                digits.append(character)
            } else {
                guard let value = Double(digits) else { return nil }
                switch character {
                case "s": total += value
                case "m": total += value * 60
                case "h": total += value * 3600
                case "d": total += value * 86400
                default: return nil
                }
                digits = ""
                sawUnit = true
            }
        }
        return sawUnit && digits.isEmpty ? total : nil
    }
}
