/// A parsed configuration document, independent of the YAML library that produced it: the shell turns YAML into
/// this tree (keeping line marks) and everything that interprets it stays pure and testable.
public struct ConfigNode: Sendable, Equatable {
    public indirect enum Value: Sendable, Equatable {
        case null
        /// `quoted` tells `"14"` (a string) from `14` (a number) for type errors.
        case scalar(String, quoted: Bool)
        case sequence([ConfigNode])
        case mapping([Entry])
    }

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyLine: Int
        public var value: ConfigNode
        public init(key: String, keyLine: Int, value: ConfigNode) {
            self.key = key
            self.keyLine = keyLine
            self.value = value
        }
    }

    public var value: Value
    /// 1-based line of the node in its file.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// How a value is named in a "found …" message.
    var shortDescription: String {
        switch value {
        case .null: "nothing"
        case let .scalar(text, quoted): quoted ? "\"\(text)\"" : (text.isEmpty ? "an empty value" : "\"\(text)\"")
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
