/// Builds a `ConfigNode` from values placed at field paths (`stations[1].sockets[0].maxCurrent`), creating the
/// mappings and lists between: how the wizard turns its answers into the very document a site file is.
struct ConfigNodeBuilder {
    private indirect enum Tree {
        case leaf(ConfigNode.Value)
        case mapping([(key: String, value: Tree)])
        case sequence([Int: Tree])
    }

    private var root = Tree.mapping([])

    mutating func set(_ path: FieldPath, _ value: ConfigNode.Value) {
        root = Self.setting(value, at: path.components[...], in: root)
    }

    var node: ConfigNode { Self.node(root) }

    private static func setting(_ value: ConfigNode.Value, at path: ArraySlice<FieldPath.Component>, in tree: Tree?) -> Tree {
        guard let first = path.first else { return .leaf(value) }
        let rest = path.dropFirst()
        switch first {
        case let .key(key):
            var entries: [(key: String, value: Tree)] = []
            if case let .mapping(existing) = tree { entries = existing }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = setting(value, at: rest, in: entries[index].value)
            } else {
                entries.append((key, setting(value, at: rest, in: nil)))
            }
            return .mapping(entries)
        case let .index(index):
            var items: [Int: Tree] = [:]
            if case let .sequence(existing) = tree { items = existing }
            items[index] = setting(value, at: rest, in: items[index])
            return .sequence(items)
        }
    }

    private static func node(_ tree: Tree) -> ConfigNode {
        switch tree {
        case let .leaf(value):
            return ConfigNode(value, line: 0)
        case let .mapping(entries):
            return ConfigNode(.mapping(entries.map { ConfigNode.Entry(key: $0.key, keyLine: 0, value: node($0.value)) }), line: 0)
        case let .sequence(items):
            let count = (items.keys.max() ?? -1) + 1
            return ConfigNode(.sequence((0..<count).map { items[$0].map(node) ?? ConfigNode(.mapping([]), line: 0) }), line: 0)
        }
    }
}
