import Foundation
import StationModel
import Yams

/// Reads YAML into the pure `ConfigNode` tree, keeping line marks so every later error can point at a line.
public enum YAMLDocument {
    public static func parse(_ text: String, file: String?) throws -> ConfigNode {
        do {
            // The basic resolver: `convert` keeps only each scalar's text and whether it was quoted, and the fields
            // decode their own types, so the default resolver's tagging (a Foundation regular expression per plain
            // scalar, when Yams checks a mapping's keys for duplicates) was wasted work on a 1,400-event scenario
            // (issue 14). Keys that differ only by quotes (`1` and `"1"`) are the same key to Yams now, as they
            // always were to the fields (`file.duplicate-key` before, a syntax error now: both exit 2 with the line).
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw ConfigError(code: "file.empty", file: file, path: .root, message: "the file is empty",
                                  hint: "see Docs/examples for a complete file")
            }
            return try convert(node, file: file)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
    }

    public static func load(path: String) throws -> ConfigNode {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(code: "file.unreadable", file: path, path: .root, message: "cannot read the file",
                              hint: "check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(code: "file.encoding", file: path, path: .root, message: "the file is not UTF-8 text", hint: "save it as UTF-8")
        }
        return try parse(text, file: path)
    }

    static func convert(_ node: Node, file: String?) throws -> ConfigNode {
        let line = node.mark?.line ?? 0
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style != .plain
            if !quoted, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return ConfigNode(.null, line: line) }
            return ConfigNode(.scalar(scalar.string, quoted: quoted), line: line)
        case let .sequence(sequence):
            return ConfigNode(.sequence(try sequence.map { try convert($0, file: file) }), line: line)
        case let .mapping(mapping):
            let entries = try mapping.map { key, value in
                guard case let .scalar(keyScalar) = key else {
                    throw ConfigError(code: "file.syntax", file: file, line: key.mark?.line, path: .root,
                                      message: "a key must be a plain name", hint: "write key: value")
                }
                return ConfigNode.Entry(key: keyScalar.string, keyLine: key.mark?.line ?? line, value: try convert(value, file: file))
            }
            return ConfigNode(.mapping(entries), line: line)
        case .alias:
            throw ConfigError(code: "file.syntax", file: file, line: line, path: .root,
                              message: "YAML aliases (*name) are not supported here", hint: "write the value out")
        }
    }

    static func syntaxError(_ error: YamlError, file: String?) -> ConfigError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigError(code: "file.syntax", file: file, line: mark.line, path: .root,
                               message: "not valid YAML: \(problem)", hint: "check the indentation and the colons around line \(mark.line)")
        default:
            return ConfigError(code: "file.syntax", file: file, path: .root, message: "not valid YAML: \(error)", hint: "check the file's syntax")
        }
    }
}
